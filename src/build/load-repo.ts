import { isMap, isSeq } from "yaml";
import { CONFIG_FILE_NAME, type StackyardConfig } from "../config/types.js";
import { diag, type Diagnostic, type SourceLocation } from "../diagnostics/diagnostic.js";
import type { SourceRead } from "../discover/discover.js";
import { candidatePaths, type RepoFs } from "../discover/repo-fs.js";
import { FILE_CONCURRENCY, mapLimit } from "../emit/fs/map-limit.js";
import { normalizeDocument } from "../normalize/normalize.js";
import { keyText, rangeAtPath } from "../parse/node-at-path.js";
import { parseYamlFile } from "../parse/parse-yaml.js";
import type { ParsedDocument } from "../parse/types.js";
import { buildWorkflow, type IncludeLoader } from "../validate/build-workflow.js";
import { checkSecretValues } from "../validate/check-secrets.js";
import { INSTANCE_LEVEL_TYPES } from "../validate/instance-level.js";
import { toResource } from "../validate/to-resource.js";
import type { Resource, SecretResource, StackResource } from "../validate/types.js";
import { validateEnvelope, type CheckedDocument } from "../validate/validate-envelope.js";
import type { UnvalidatedDocument } from "../resolve/check-unvalidated.js";
import { loadBuiltinStacks } from "./builtin-stacks.js";
import { redactSecretValues } from "./redact.js";
import { attachSopsManifests } from "./sops-manifests.js";

/** The types whose documents hold runnable specs (a stack reference, a stackSpec, a compute). */
const RUNNABLE_TYPES = new Set(["workflow", "worker", "service"]);

/** Everything read from the repository: resources, file texts for diagnostics, and problems. */
export interface LoadedRepo {
  resources: Resource[];
  sources: Map<string, string>;
  diagnostics: Diagnostic[];
  /** Repository-relative paths of every manifest file read. */
  files: string[];
  /** The listed files that are parts of a workflow (dag[].file), not resources. */
  included: string[];
  /** The files each file's workflows include directly (dag[].file), as resolved: file → files. */
  includes: Record<string, string[]>;
  /** Workflows, Workers and Services that did not become resources (see checkUnvalidated). */
  unvalidated: UnvalidatedDocument[];
  /** Resources named like one before them (DUPLICATE_RESOURCE): reported, never compiled. */
  duplicates: ReadonlySet<Resource>;
}

/** Edits a normalized document before it is validated (a cluster's overrides). */
export type PrepareDocument = (doc: ParsedDocument) => Diagnostic[];

/**
 * discover → parse → normalize → validate: reads every manifest under the configured roots
 * (plus the built-in stacks), expands workflow includes and returns typed resources.
 */
export async function loadRepo(
  fs: RepoFs,
  config: StackyardConfig,
  prepare?: PrepareDocument,
): Promise<LoadedRepo> {
  const sources = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const docsByFile = new Map<string, ParsedDocument[]>();
  // The config file sits at the root and is not a manifest.
  const files = (await fs.listManifests(config.roots, config.exclude)).filter(
    (f) => f !== CONFIG_FILE_NAME,
  );
  const parseRead = (rel: string, read: SourceRead): ParsedDocument[] | undefined => {
    if (!read.ok) {
      diagnostics.push(read.diagnostic);
      return undefined;
    }
    const parsed = parseYamlFile(rel, read.text);
    const dropped = parsed.diagnostics.some((d) => d.severity === "error");
    sources.set(rel, redactSecretValues(read.text, parsed.docs, !dropped));
    diagnostics.push(...parsed.diagnostics);
    docsByFile.set(rel, parsed.docs);
    return parsed.docs;
  };
  const readAndParse = async (rel: string) =>
    parseRead(rel, await fs.read(rel, config.limits.maxFileBytes));
  // Reads overlap (one at a time, thousands of small files wait on syscall latency); parsing
  // stays in file order, so diagnostics and sources come out as they always did.
  const reads = await mapLimit(files, FILE_CONCURRENCY, (rel) =>
    fs.read(rel, config.limits.maxFileBytes),
  );
  files.forEach((rel, i) => parseRead(rel, reads[i]!));

  // The errors found in each document so far, for the runnables that do not validate.
  const errorsOf = new Map<ParsedDocument, Diagnostic[]>();
  const noteErrors = (doc: ParsedDocument, found: readonly Diagnostic[]) => {
    const errors = found.filter((d) => d.severity === "error" && d.file === doc.file);
    if (errors.length > 0) errorsOf.set(doc, [...(errorsOf.get(doc) ?? []), ...errors]);
  };
  for (const rel of files) {
    for (const doc of docsByFile.get(rel) ?? []) {
      const normalized = normalizeDocument(doc);
      noteErrors(doc, normalized);
      diagnostics.push(...normalized);
      // A cluster's overrides edit the node tree here, so validation sees the cluster's values.
      if (prepare !== undefined) diagnostics.push(...prepare(doc));
    }
  }
  // Files a workflow includes through dag[].file are parts of that workflow, not resources:
  // they are validated where they are included.
  const workflows = files.flatMap((rel) => docsByFile.get(rel) ?? []).filter(docIsWorkflow);
  const included = await preloadIncludes(fs, workflows, docsByFile, readAndParse, diagnostics);
  const checked: CheckedDocument[] = [];
  const unvalidated: UnvalidatedDocument[] = [];
  const notValidated = (doc: CheckedDocument, found: readonly Diagnostic[]) => {
    if (!RUNNABLE_TYPES.has(doc.type)) return;
    noteErrors(doc.source, found);
    const errors = (errorsOf.get(doc.source) ?? []).flatMap((d) => (d.range ? [d.range] : []));
    unvalidated.push({ doc, errors });
  };
  for (const rel of files) {
    if (included.has(rel)) continue;
    for (const doc of docsByFile.get(rel) ?? []) {
      // A SOPS-encrypted Kubernetes manifest (named by a secret's sopsFile) is not a DataOS
      // manifest: it is copied, never parsed as one.
      if (isSopsKubernetesManifest(doc)) continue;
      const result = validateEnvelope(doc);
      diagnostics.push(...result.diagnostics);
      if (result.checked) checked.push(result.checked);
      else if (result.unchecked) notValidated(result.unchecked, result.diagnostics);
    }
  }
  const includes = new Map<string, Set<string>>();
  const load: IncludeLoader = (fromFile, ref, at) => {
    const target = resolveIncludePath(fromFile, ref, docsByFile);
    const docs = target === undefined ? undefined : docsByFile.get(target);
    if (!docs || docs.length === 0) return { diagnostic: includeMissing(ref, at) };
    // What depends on what: an incremental build compiles a file's includers with it.
    const known = includes.get(fromFile);
    if (known === undefined) includes.set(fromFile, new Set([target!]));
    else known.add(target!);
    if (docs.length > 1) {
      return {
        diagnostic: diag(
          "INCLUDE_NOT_FOUND",
          `${ref} holds ${docs.length} documents; an included job or workflow file must hold one`,
          at,
        ),
      };
    }
    return { source: docs[0]! };
  };

  const resources: Resource[] = [];
  for (const c of checked) {
    if (c.type === "workflow") {
      const built = buildWorkflow(c, config.defaultWorkspace, load);
      diagnostics.push(...built.diagnostics);
      if (built.resource) resources.push(built.resource);
      else notValidated(c, built.diagnostics);
      continue;
    }
    const resource = toResource(c, config.defaultWorkspace);
    if (resource) resources.push(resource);
  }
  if (config.secrets.mode === "sops") {
    const secrets = resources.filter(
      (r): r is SecretResource => r.meta.type === "secret" || r.meta.type === "instance-secret",
    );
    diagnostics.push(...(await attachSopsManifests(secrets, fs, config.limits.maxFileBytes)));
  }
  for (const r of resources) {
    if (r.meta.type === "secret" || r.meta.type === "instance-secret")
      diagnostics.push(...checkSecretValues(r as SecretResource, config.secrets.mode));
  }
  if (config.builtinStacks) {
    const builtin = await loadBuiltinStacks(prepare);
    for (const [file, text] of builtin.sources) sources.set(file, text);
    diagnostics.push(...builtin.diagnostics);
    resources.push(...builtin.stacks);
  }
  const duplicates = duplicatesOf(resources);
  diagnostics.push(...duplicates.map(duplicateDiagnostic));
  if (files.length === 0) {
    diagnostics.push(
      diag(
        "NO_MANIFESTS",
        `no .yaml or .yml files under ${config.roots.join(", ")}`,
        {},
        { hint: "set `roots:` in stackyard.yaml to the folders that hold your manifests" },
      ),
    );
  }
  return {
    resources,
    sources,
    diagnostics,
    files,
    included: files.filter((f) => included.has(f)),
    includes: Object.fromEntries(
      [...includes].sort(([a], [b]) => (a < b ? -1 : 1)).map(([f, to]) => [f, [...to].sort()]),
    ),
    unvalidated,
    duplicates: new Set(duplicates.map((d) => d.duplicate)),
  };
}

/**
 * Reads every file named by a dag[].file (transitively); returns the files that are parts of
 * another workflow: those included, directly or not, from a file that is not included. A file
 * included only from a loop of includes (a workflow that includes itself, or two that include
 * each other) is not a part of anything: it stays a resource, whose expansion then reports the
 * loop (DAG_CYCLE) with the file's other errors, instead of the loop's files all vanishing.
 */
async function preloadIncludes(
  fs: RepoFs,
  workflows: readonly ParsedDocument[],
  docsByFile: Map<string, ParsedDocument[]>,
  readAndParse: (rel: string) => Promise<ParsedDocument[] | undefined>,
  diagnostics: Diagnostic[],
): Promise<Set<string>> {
  const included = new Set<string>();
  const edges = new Map<string, Set<string>>();
  const queue: ParsedDocument[] = [...workflows];
  while (queue.length > 0) {
    const doc = queue.shift()!;
    for (const ref of includeRefs(doc)) {
      const candidates = candidatePaths(doc.file, ref.value);
      if (candidates.length === 0) {
        diagnostics.push(
          diag(
            "PATH_OUTSIDE_REPO",
            `${ref.value} is outside the repository`,
            { file: doc.file, range: ref.range },
            { hint: "included files must live inside the repository" },
          ),
        );
        continue;
      }
      let target = candidates.find((c) => docsByFile.has(c));
      for (const c of candidates) if (target === undefined && (await fs.exists(c))) target = c;
      if (target === undefined) continue; // a missing file is reported where it is expanded
      const from = edges.get(doc.file);
      if (from === undefined) edges.set(doc.file, new Set([target]));
      else from.add(target);
      if (included.has(target)) continue;
      included.add(target);
      const docs = docsByFile.get(target) ?? (await readAndParse(target));
      if (docs) queue.push(...docs.filter((d) => docIsWorkflow(d)));
    }
  }
  // The parts: what the files that are not included reach.
  const parts = new Set<string>();
  const walk = [...edges.keys()].filter((file) => !included.has(file));
  while (walk.length > 0) {
    for (const target of edges.get(walk.pop()!) ?? []) {
      if (parts.has(target)) continue;
      parts.add(target);
      walk.push(target);
    }
  }
  return parts;
}

/** `apiVersion`, `kind` and a top-level `sops:` block: a Kubernetes manifest encrypted by SOPS. */
function isSopsKubernetesManifest(doc: ParsedDocument): boolean {
  const root = doc.doc.contents;
  return isMap(root) && root.has("apiVersion") && root.has("kind") && root.has("sops");
}

function docIsWorkflow(doc: ParsedDocument): boolean {
  const root = doc.doc.contents;
  return isMap(root) && (root.get("type", false) as unknown) === "workflow";
}

/** The `file:` values of a workflow document's dag entries (and of their specs). */
function includeRefs(
  doc: ParsedDocument,
): Array<{ value: string; range: SourceLocation["range"] }> {
  const root = doc.doc.contents;
  if (!isMap(root)) return [];
  const wf = root.get("workflow", true);
  const dag = isMap(wf) ? wf.get("dag", true) : undefined;
  if (!isSeq(dag)) return [];
  const refs: Array<{ value: string; range: SourceLocation["range"] }> = [];
  dag.items.forEach((entry, i) => {
    if (!isMap(entry)) return;
    for (const pair of entry.items) {
      if (keyText(pair.key) === "file") {
        const v = (pair.value as { value?: unknown } | null)?.value;
        if (typeof v === "string")
          refs.push({ value: v, range: rangeAtPath(doc, ["workflow", "dag", i, "file"]) });
      }
    }
  });
  return refs;
}

function resolveIncludePath(
  fromFile: string,
  ref: string,
  docsByFile: Map<string, ParsedDocument[]>,
): string | undefined {
  return candidatePaths(fromFile, ref).find((c) => docsByFile.has(c));
}

function includeMissing(ref: string, at: SourceLocation): Diagnostic {
  return diag(
    "INCLUDE_NOT_FOUND",
    `the included file ${JSON.stringify(ref)} does not exist in the repository`,
    at,
    {
      hint: "paths are relative to this file, or to the repository root",
    },
  );
}

/** Two resources with one key are duplicates (stacks excepted: the registry checks those). */
export function duplicateKey(r: Resource): string {
  return INSTANCE_LEVEL_TYPES.has(r.meta.type)
    ? `${r.meta.type}/${r.meta.name}`
    : `${r.meta.type}/${r.meta.workspace}/${r.meta.name}`;
}

interface Duplicate {
  duplicate: Resource;
  first: Resource;
}

/**
 * Each resource named like one before it (stacks aside: the stack registry checks
 * name+flavor:version), with that first one. A build reports each (DUPLICATE_RESOURCE) and
 * compiles only the first.
 */
function duplicatesOf(resources: readonly Resource[]): Duplicate[] {
  const seen = new Map<string, Resource>();
  const out: Duplicate[] = [];
  for (const r of resources) {
    if (r.meta.type === "stack") continue;
    const key = duplicateKey(r);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, r);
    else out.push({ duplicate: r, first });
  }
  return out;
}

function duplicateDiagnostic({ duplicate: r, first }: Duplicate): Diagnostic {
  const where = INSTANCE_LEVEL_TYPES.has(r.meta.type) ? "" : ` in workspace ${r.meta.workspace}`;
  return diag(
    "DUPLICATE_RESOURCE",
    `there is already a ${r.meta.type} named ${r.meta.name}${where}`,
    { file: r.origin.source.file, range: rangeAtPath(r.origin.source, ["name"]) },
    {
      hint: "rename one of them",
      related: [
        {
          file: first.origin.source.file,
          range: rangeAtPath(first.origin.source, ["name"]),
          message: "first defined here",
        },
      ],
    },
  );
}

export type { StackResource };
