import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse as parseYaml, parseAllDocuments } from "yaml";
import { compileRepoFiles } from "../../src/build/index.js";
import { loadConfig } from "../../src/config/index.js";
import { formatDiagnostics } from "../../src/diagnostics/format.js";
import type { OutputFile } from "../../src/emit/types.js";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

/** The example platform files every stack example may lean on (depots, secrets, computes). */
export const PLATFORM_FILES = [
  "resources/platform/depots.yaml",
  "resources/platform/secrets.yaml",
  "resources/platform/computes.yaml",
  "resources/stacks-examples/depots.yaml",
];

export interface BuiltRepo {
  /** Formatted errors and warnings ("" when none). */
  errors: string;
  files: OutputFile[];
  /** Every emitted object, parsed. */
  objects: Array<Record<string, any>>;
}

/**
 * Builds a throwaway repository holding the given files (repo-relative path → text, or a path
 * of this repository to copy) through the real pipeline, as `stackyard build` would.
 */
export async function buildTempRepo(files: Record<string, string>): Promise<BuiltRepo> {
  const root = await mkdtemp(path.join(os.tmpdir(), "stackyard-stacks-"));
  try {
    await writeFile(
      path.join(root, "stackyard.yaml"),
      "roots: [resources]\nplatform:\n  fqdn: data.example.internal\n  metadataServer: http://openmetadata.catalog.svc:8585\n",
    );
    for (const [rel, text] of Object.entries(files)) {
      const target = path.join(root, rel);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, text);
    }
    const loaded = await loadConfig(root);
    const compiled = await compileRepoFiles({ root, config: loaded.config });
    const diagnostics = [...loaded.diagnostics, ...compiled.diagnostics].filter(
      (d) => d.severity === "error",
    );
    const sources = new Map([...loaded.sources, ...compiled.sources]);
    const errors =
      diagnostics.length === 0
        ? ""
        : formatDiagnostics(diagnostics, sources, "text", {
            color: false,
            toolVersion: "0.0.0-test",
          });
    const objects = compiled.files
      .filter((f) => f.path.endsWith(".yaml") && !f.path.endsWith("kustomization.yaml"))
      .flatMap((f) => parseAllDocuments(f.content).map((d) => d.toJS() as Record<string, any>));
    return { errors, files: compiled.files, objects };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** A file of this repository, by repo-relative path, as a `buildTempRepo` entry. */
export async function repoFile(rel: string): Promise<[string, string]> {
  return [rel, await readFile(path.join(REPO_ROOT, rel), "utf8")];
}

/** The example resources of resources/stacks-examples, one per stack (depots.yaml is platform). */
export const STACK_EXAMPLES = [
  "bento.yaml",
  "beacon.yaml",
  "flare.yaml",
  "soda.yaml",
  "dataos-ctl.yaml",
  "scanner.yaml",
  "dbt.yaml",
  "great-expectations.yaml",
  "rclone.yaml",
  "steampipe.yaml",
];

/** The platform files plus the named example files, ready for `buildTempRepo`. */
export async function exampleRepo(...examples: string[]): Promise<Record<string, string>> {
  const entries = await Promise.all(
    [...PLATFORM_FILES, ...examples.map((e) => `resources/stacks-examples/${e}`)].map(repoFile),
  );
  return Object.fromEntries(entries);
}

/** Every ConfigMap data file, by `<configmap>/<key>`. */
export function configFiles(built: BuiltRepo): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of built.objects) {
    if (o.kind !== "ConfigMap") continue;
    for (const [key, value] of Object.entries((o.data ?? {}) as Record<string, string>))
      out.set(`${o.metadata.name}/${key}`, value);
  }
  return out;
}

/** The objects Argo resource steps create (SparkApplications…), parsed from their manifests. */
export function resourceStepObjects(built: BuiltRepo): Array<Record<string, any>> {
  const out: Array<Record<string, any>> = [];
  for (const o of built.objects) {
    const spec =
      o.kind === "CronWorkflow" ? o.spec?.workflowSpec : o.kind === "Workflow" ? o.spec : undefined;
    for (const t of spec?.templates ?? [])
      if (t.resource?.manifest) out.push(parseYaml(t.resource.manifest as string));
  }
  return out;
}

/** The containers of every Deployment and Argo container template. */
export function containers(built: BuiltRepo): Array<Record<string, any>> {
  const out: Array<Record<string, any>> = [];
  for (const o of built.objects) {
    if (o.kind === "Deployment") out.push(...o.spec.template.spec.containers);
    const spec =
      o.kind === "CronWorkflow" ? o.spec?.workflowSpec : o.kind === "Workflow" ? o.spec : undefined;
    for (const t of spec?.templates ?? []) if (t.container) out.push(t.container);
  }
  return out;
}
