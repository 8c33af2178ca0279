import type { DiagnosticCode } from "../../src/diagnostics/codes.js";
import { BASE_FILES, type RepoEntry } from "./temp-repo.js";

/**
 * One hostile or broken input. `files` are added to the valid base repository (see
 * temp-repo.ts); `outside` is a folder beside the repository holding `secret.yaml` (a valid
 * manifest, so a leak would compile) and `passwd.txt`. The build must fail with every listed
 * code, print `message` when given, exit 1 and leave out/ untouched.
 */
export interface HostileCase {
  name: string;
  files: (outside: string) => Record<string, RepoEntry>;
  codes: DiagnosticCode[];
  message?: RegExp;
}

/** A worker that runs the stack `name` (defined by `stack(...)`). */
function workerOn(stackName: string, stackSpec = "{}"): string {
  return `name: tool
version: v1beta
type: worker
workspace: shop
worker:
  stack: ${stackName}
  compute: runnable-default
  stackSpec: ${stackSpec}
`;
}

/** A stack named `name` whose workerConfig holds `body` (indented under workerConfig). */
function stack(name: string, extra: string, workerConfig = "{}"): string {
  return `name: ${name}-v1
version: v1alpha
type: stack
stack:
  name: ${name}
  version: "1.0"
  image: {registry: ghcr.io, repository: acme, image: tool, tag: 1.0.0}
${extra}  workerConfig: ${workerConfig}
`;
}

/** A stack whose configFileTemplate is `template`, and a worker that renders it. */
function templateCase(name: string, template: string, message: RegExp): HostileCase {
  const indented = template
    .split("\n")
    .map((line) => `      ${line}`)
    .join("\n");
  return {
    name,
    files: () => ({
      "resources/stacks/hostile.yaml": stack(
        "hostile",
        "",
        `\n    configFileTemplate: |\n${indented}\n`,
      ),
      "resources/tool.yaml": workerOn("hostile"),
    }),
    codes: ["TEMPLATE_EXEC"],
    message,
  };
}

/** A stack whose only dataset filter is `filter`, and a worker that uses it. */
function jqCase(name: string, filter: string, message: RegExp): HostileCase {
  return {
    name,
    files: () => ({
      "resources/stacks/hostile.yaml": stack(
        "hostile",
        `  dataOsAddressJqFilters: [${JSON.stringify(filter)}]\n`,
      ),
      "resources/tool.yaml": workerOn("hostile", "{inputs: [{dataset: 'dataos://lake:a/b'}]}"),
    }),
    codes: ["JQ_FILTER_FAILED"],
    message,
  };
}

/** A copy of the base worker with one line replaced. */
function feedWith(line: string, replacement: string): string {
  const feed = BASE_FILES["resources/feed.yaml"]!;
  if (!feed.includes(line)) throw new Error(`the base worker has no line ${line}`);
  return feed.replace(line, replacement);
}

/** "Billion laughs": nine levels of nine aliases, well under any alias *count* limit. */
function billionLaughs(): string {
  const lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
  for (let i = 1; i <= 8; i++) {
    lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(", ")}]`);
  }
  return `name: bomb\nversion: v1beta\ntype: worker\nworker:\n  stack: container\n  compute: runnable-default\n  stackSpec:\n    image: x\n    ${lines.join("\n    ")}\n`;
}

const FIFTY_MIB = 50 * 1024 * 1024;

/** The corpus, named for what each case proves. */
export const HOSTILE_CASES: HostileCase[] = [
  // --- YAML that would exhaust the parser or the expansion of aliases
  {
    name: "alias-bomb-billion-laughs",
    files: () => ({ "resources/bomb.yaml": billionLaughs() }),
    codes: ["YAML_ALIAS_LIMIT"],
  },
  {
    name: "alias-flood",
    files: () => ({
      "resources/flood.yaml": `a: &a x\nb: [${Array.from({ length: 5000 }, () => "*a").join(", ")}]\n`,
    }),
    codes: ["YAML_ALIAS_LIMIT"],
  },
  {
    name: "deeply-nested-flow-sequences",
    files: () => ({ "resources/deep.yaml": `${"[".repeat(2_000_000)}${"]".repeat(2_000_000)}\n` }),
    codes: ["YAML_TOO_DEEP"],
  },
  {
    name: "deeply-nested-compact-sequences",
    files: () => ({ "resources/deep.yaml": `${"- ".repeat(2_000_000)}x\n` }),
    codes: ["YAML_TOO_DEEP"],
  },
  {
    name: "deeply-nested-block-mappings",
    files: () => ({
      "resources/deep.yaml":
        Array.from({ length: 500 }, (_, i) => `${"  ".repeat(i)}k${i}:`).join("\n") + " x\n",
    }),
    codes: ["YAML_TOO_DEEP"],
  },
  // --- Files that are not what they claim to be
  {
    name: "file-of-50-mib",
    files: () => ({ "resources/huge.yaml": `# ${"x".repeat(78)}\n`.repeat(FIFTY_MIB / 81) }),
    codes: ["FILE_TOO_LARGE"],
    message: /limits\.maxFileBytes/,
  },
  {
    name: "binary-file",
    files: () => ({
      "resources/image.yaml": Uint8Array.from([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d,
      ]),
    }),
    codes: ["FILE_NOT_TEXT"],
  },
  {
    name: "invalid-utf8",
    files: () => ({
      "resources/latin1.yaml": Uint8Array.from([...Buffer.from("name: caf"), 0xe9, 0x0a]),
    }),
    codes: ["FILE_NOT_TEXT"],
    message: /not valid UTF-8/,
  },
  // --- Keys and names that collide
  {
    name: "duplicate-key",
    files: () => ({
      "resources/feed.yaml": feedWith("workspace: shop\n", "workspace: shop\nworkspace: other\n"),
    }),
    codes: ["YAML_DUPLICATE_KEY"],
  },
  {
    name: "keys-colliding-after-normalization",
    files: () => ({
      "resources/feed.yaml": feedWith(
        "  stackSpec:\n",
        "  container:\n    image: ghcr.io/acme/other:1.0.0\n  stackSpec:\n",
      ),
    }),
    codes: ["YAML_DUPLICATE_KEY"],
  },
  {
    name: "duplicate-resource-across-files",
    files: () => ({
      "resources/feed-copy.yaml": feedWith(
        "image: ghcr.io/acme/feed:2.0.0",
        "image: ghcr.io/acme/feed:3.0.0",
      ),
    }),
    codes: ["DUPLICATE_RESOURCE"],
  },
  // --- Names that would escape out/
  {
    name: "name-with-dot-dot",
    files: () => ({ "resources/feed.yaml": feedWith("name: feed", "name: ../../etc") }),
    codes: ["INVALID_NAME"],
  },
  {
    name: "name-absolute-path",
    files: () => ({ "resources/feed.yaml": feedWith("name: feed", "name: /etc/passwd") }),
    codes: ["INVALID_NAME"],
  },
  {
    name: "workspace-with-dot-dot",
    files: () => ({ "resources/feed.yaml": feedWith("workspace: shop", "workspace: ../..") }),
    codes: ["INVALID_NAME"],
  },
  {
    name: "name-cyrillic-look-alike",
    files: () => ({ "resources/feed.yaml": feedWith("name: feed", "name: fеed") }),
    codes: ["INVALID_NAME"],
  },
  {
    name: "name-fullwidth-look-alike",
    files: () => ({ "resources/feed.yaml": feedWith("name: feed", "name: ｆｅｅｄ") }),
    codes: ["INVALID_NAME"],
  },
  {
    name: "name-division-slash",
    files: () => ({ "resources/feed.yaml": feedWith("name: feed", 'name: "feed\\u2215etc"') }),
    codes: ["INVALID_NAME"],
  },
  {
    name: "name-with-nul",
    files: () => ({ "resources/feed.yaml": feedWith("name: feed", 'name: "feed\\0"') }),
    codes: ["INVALID_NAME"],
  },
  {
    name: "template-rendered-object-name-escaping",
    files: () => ({
      "resources/stacks/hostile.yaml": stack(
        "hostile",
        "",
        "\n    extraResourcesTemplate: |\n      - apiVersion: v1\n        kind: ConfigMap\n        metadata: {name: ../../../../escape}\n",
      ),
      "resources/tool.yaml": workerOn("hostile"),
    }),
    codes: ["TEMPLATE_OUTPUT_INVALID"],
  },
  {
    name: "template-rendered-empty-object-name",
    files: () => ({
      "resources/stacks/hostile.yaml": stack(
        "hostile",
        "",
        '\n    extraResourcesTemplate: |\n      - apiVersion: v1\n        kind: ConfigMap\n        metadata: {name: ""}\n',
      ),
      "resources/tool.yaml": workerOn("hostile"),
    }),
    codes: ["TEMPLATE_OUTPUT_INVALID"],
  },
  // --- Paths and symbolic links that leave the repository
  {
    name: "symlink-file-outside",
    files: (outside) => ({ "resources/leak.yaml": { symlink: `${outside}/secret.yaml` } }),
    codes: ["PATH_OUTSIDE_REPO"],
  },
  {
    name: "config-file-through-symlinked-folder",
    files: (outside) => ({
      "resources/linked": { symlink: outside },
      "resources/feed.yaml": feedWith(
        "  stackSpec:\n",
        "  configs:\n    passwd: linked/passwd.txt\n  stackSpec:\n",
      ),
    }),
    codes: ["PATH_OUTSIDE_REPO"],
  },
  {
    name: "config-file-dot-dot",
    files: () => ({
      "resources/feed.yaml": feedWith(
        "  stackSpec:\n",
        "  configs:\n    passwd: ../../../../../../etc/passwd\n  stackSpec:\n",
      ),
    }),
    codes: ["PATH_OUTSIDE_REPO"],
  },
  {
    name: "config-file-absolute",
    files: () => ({
      "resources/feed.yaml": feedWith(
        "  stackSpec:\n",
        "  configs:\n    passwd: /etc/passwd\n  stackSpec:\n",
      ),
    }),
    codes: ["PATH_OUTSIDE_REPO"],
  },
  {
    name: "symlink-folder-outside",
    files: (outside) => ({ "resources/linked": { symlink: outside } }),
    codes: ["PATH_OUTSIDE_REPO"],
  },
  {
    name: "out-dir-outside-repo",
    files: () => ({ "stackyard.yaml": "roots: [resources]\noutDir: ../elsewhere\n" }),
    codes: ["PATH_OUTSIDE_REPO"],
  },
  // --- Templates that never end or never stop writing
  templateCase(
    "template-endless-range",
    "{{ range until 1000000000 }}x{{ end }}",
    /limit exceeded/,
  ),
  templateCase(
    "template-infinite-recursion",
    '{{ define "f" }}{{ template "f" . }}{{ end }}{{ template "f" . }}',
    /limit exceeded/,
  ),
  templateCase(
    "template-tpl-recursion",
    '{{ $t := "{{ tpl $.t $ }}" }}{{ tpl $t (dict "t" $t) }}',
    /limit exceeded/,
  ),
  templateCase(
    "template-emits-gigabytes",
    '{{ $s := "x" }}{{ range until 64 }}{{ $s = print $s $s }}{{ end }}{{ $s }}',
    /limit exceeded/,
  ),
  templateCase("template-repeat-gigabytes", '{{ repeat 2000000000 "xx" }}', /limit exceeded/),
  {
    name: "template-renders-deeply-nested-yaml",
    files: () => ({
      "resources/stacks/hostile.yaml": stack(
        "hostile",
        "",
        '\n    configFileTemplate: |\n      {{ repeat 4000000 "[" }}{{ repeat 4000000 "]" }}\n',
      ),
      "resources/tool.yaml": workerOn("hostile"),
    }),
    codes: ["TEMPLATE_OUTPUT_INVALID"],
  },
  templateCase(
    "template-nested-ranges",
    "{{ range until 100000 }}{{ range until 100000 }}x{{ end }}{{ end }}",
    /limit exceeded/,
  ),
  // --- jq filters that never end
  jqCase("jq-infinite-recursion", "def f: f; f", /ran longer than/),
  jqCase("jq-repeat", "repeat(.)", /ran longer than|more than \d+ MiB/),
  jqCase("jq-huge-range", "range(1e12)", /ran longer than|more than \d+ MiB/),
  jqCase("jq-unbounded-stack", "def f: 1 + f; f", /ran longer than|more than \d+ MiB/),
];
