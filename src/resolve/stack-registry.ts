import { diag, type Diagnostic, type SourceLocation } from "../diagnostics/diagnostic.js";
import { didYouMean, formatChoices } from "../diagnostics/suggest.js";
import { rangeAtPath } from "../parse/node-at-path.js";
import { compileStackSchema } from "../validate/stack-spec.js";
import type { StackResource } from "../validate/types.js";
import { compareVersions, formatStackRef, latestVersion, parseStackRef } from "./stack-ref.js";

/** Every stack, keyed by name (and alias), then flavor ("" for none), then version. */
export interface StackRegistry {
  byName: Map<string, Map<string, Map<string, StackResource>>>;
  all: StackResource[];
}

/** The canonical key of a stack: `name+flavor:version`. */
export function stackKey(stack: StackResource): string {
  const s = stack.spec;
  return formatStackRef({
    name: s.name,
    ...(s.flavor ? { flavor: s.flavor } : {}),
    version: s.version,
  });
}

/**
 * Indexes stacks by name, flavor and version. Two stacks with the same key are an error, and a
 * repository stack never silently replaces a built-in one.
 */
export function buildStackRegistry(stacks: readonly StackResource[]): {
  registry: StackRegistry;
  diagnostics: Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  const registry: StackRegistry = { byName: new Map(), all: [] };
  const owners = new Map<string, StackResource>();
  // Built-ins first, so a repository stack is the one reported as the conflict.
  const ordered = [...stacks].sort((a, b) => Number(b.builtin) - Number(a.builtin));
  for (const stack of ordered) {
    const key = stackKey(stack);
    const first = owners.get(key);
    if (first) {
      diagnostics.push(
        diag(
          "STACK_CONFLICT",
          first.builtin
            ? `stack ${key} is already a built-in stack; a repository stack cannot replace it`
            : `stack ${key} is defined twice`,
          {
            file: stack.origin.source.file,
            range: rangeAtPath(stack.origin.source, ["stack", "version"]),
          },
          {
            hint: first.builtin
              ? `give your stack a name of its own (e.g. ${stack.spec.name}-custom): another version of ${stack.spec.name} would be the one every \`stack: ${stack.spec.name}\` without a version gets, once it is the highest`
              : "remove one definition or change its version",
            related: [
              {
                file: first.origin.source.file,
                range: rangeAtPath(first.origin.source, ["stack"]),
                message: "first defined here",
              },
            ],
          },
        ),
      );
      continue;
    }
    owners.set(key, stack);
    registry.all.push(stack);
    // A schema that does not compile is reported here, once, used or not: its users' stackSpecs
    // would otherwise go unchecked without a word.
    if (!stack.builtin) diagnostics.push(...compileStackSchema(stack).diagnostics);
    for (const name of [stack.spec.name, ...(stack.spec.aliases ?? [])]) {
      const flavors = getOrSet(
        registry.byName,
        name,
        () => new Map<string, Map<string, StackResource>>(),
      );
      getOrSet(flavors, stack.spec.flavor ?? "", () => new Map<string, StackResource>()).set(
        stack.spec.version,
        stack,
      );
    }
  }
  return { registry, diagnostics };
}

/**
 * Resolves `name[+flavor][:version]`. A missing version means the highest; a missing flavor
 * means the unflavored stack, or the only flavor there is. Failures list what exists.
 */
export function lookupStack(
  registry: StackRegistry,
  text: string,
  at: SourceLocation,
): { stack: StackResource } | { diagnostic: Diagnostic } {
  const fail = (code: Diagnostic["code"], message: string, hint: string) => ({
    diagnostic: diag(code, message, at, { hint }),
  });
  const ref = parseStackRef(text);
  if (!ref) {
    return fail(
      "INVALID_STACK_REF",
      `${JSON.stringify(text)} is not a stack reference`,
      "write name[+flavor][:version], e.g. container:1.0 or soda+python:1.0",
    );
  }
  const flavors = registry.byName.get(ref.name);
  if (!flavors) {
    const names = [...registry.byName.keys()].sort();
    const guess = didYouMean(ref.name, names);
    return fail(
      "UNKNOWN_STACK",
      `no stack is named ${JSON.stringify(ref.name)}`,
      guess
        ? `did you mean \`${guess}\`? stacks: ${formatChoices(names)}`
        : `stacks: ${formatChoices(names)}`,
    );
  }
  let flavor = ref.flavor ?? "";
  if (ref.flavor === undefined && !flavors.has("") && flavors.size === 1)
    flavor = [...flavors.keys()][0]!;
  const versions = flavors.get(flavor);
  if (!versions) {
    const choices = [...flavors.keys()]
      .sort()
      .map((f) => (f === "" ? ref.name : `${ref.name}+${f}`));
    const guess =
      ref.flavor === undefined
        ? undefined
        : didYouMean(ref.flavor, [...flavors.keys()].filter(Boolean));
    return fail(
      "UNKNOWN_STACK_FLAVOR",
      ref.flavor === undefined
        ? `stack ${ref.name} needs a flavor`
        : `stack ${ref.name} has no flavor ${JSON.stringify(ref.flavor)}`,
      `${guess ? `did you mean \`${ref.name}+${guess}\`? ` : ""}available: ${formatChoices(choices)}`,
    );
  }
  const sorted = [...versions.keys()].sort(compareVersions);
  const version = ref.version ?? latestVersion(sorted)!;
  const stack = versions.get(version);
  if (!stack) {
    const base = formatStackRef({ name: ref.name, ...(flavor ? { flavor } : {}) });
    const guess = didYouMean(version, sorted);
    return fail(
      "UNKNOWN_STACK_VERSION",
      `stack ${base} has no version ${JSON.stringify(version)}`,
      `${guess ? `did you mean \`${base}:${guess}\`? ` : ""}versions: ${formatChoices(sorted)} (leave the version out for the latest release)`,
    );
  }
  return { stack };
}

function getOrSet<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}
