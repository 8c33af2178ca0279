import type { SimpleGit } from "simple-git";
import { compileRepoFiles } from "../build/index.js";
import { DEFAULT_CONFIG, loadConfig, parseConfig, type StackyardConfig } from "../config/index.js";
import { CONFIG_FILE_NAME } from "../config/types.js";
import { diag, hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { RepoFs } from "../discover/repo-fs.js";
import type { OutputFile } from "../emit/types.js";
import { gitRepoFs } from "./git-repo-fs.js";
import type { SideSummary } from "./types.js";

/** One revision compiled in memory: its would-be out/ files, diagnostics and source texts. */
export interface CompiledSide {
  summary: SideSummary;
  files: OutputFile[];
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
  /** False when the side's stackyard.yaml had errors: its repository was not read. */
  read: boolean;
}

/**
 * Where a side's files come from: a commit (already resolved; `prefix` is the stackyard root's
 * folder inside the git repository) or the work tree.
 */
export type SideSpec =
  { kind: "commit"; label: string; commit: string; prefix: string } | { kind: "worktree" };

/**
 * Compiles one side with the stackyard.yaml of that same side: a change to the config is part
 * of the change under review. A config with errors stops the side with those diagnostics.
 */
export async function compileSide(
  root: string,
  git: SimpleGit,
  spec: SideSpec,
  configPath: string | undefined,
): Promise<CompiledSide> {
  const fs =
    spec.kind === "worktree" ? undefined : await gitRepoFs(root, git, spec.commit, spec.prefix);
  const loaded =
    fs === undefined ? await loadConfig(root, configPath) : await configAt(fs, configPath);
  const summary: SideSummary =
    spec.kind === "worktree"
      ? { label: "work tree", errors: 0, objects: 0 }
      : { label: spec.label, commit: spec.commit, errors: 0, objects: 0 };
  if (hasErrors(loaded.diagnostics))
    return { ...finish(summary, [], loaded.diagnostics, loaded.sources), read: false };
  const compiled = await compileRepoFiles(
    fs === undefined ? { root, config: loaded.config } : { root, config: loaded.config, fs },
  );
  const sources = new Map([...loaded.sources, ...compiled.sources]);
  return {
    ...finish(summary, compiled.files, [...loaded.diagnostics, ...compiled.diagnostics], sources),
    read: true,
  };
}

function finish(
  summary: SideSummary,
  files: OutputFile[],
  diagnostics: Diagnostic[],
  sources: Map<string, string>,
): Omit<CompiledSide, "read"> {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const objects = files.filter((f) => f.source !== undefined).length;
  return { summary: { ...summary, errors, objects }, files, diagnostics, sources };
}

/** The config of a revision: its stackyard.yaml (or --config path), else the defaults. */
async function configAt(
  fs: RepoFs,
  configPath: string | undefined,
): Promise<{ config: StackyardConfig; diagnostics: Diagnostic[]; sources: Map<string, string> }> {
  const file = configPath ?? CONFIG_FILE_NAME;
  const sources = new Map<string, string>();
  if (!(await fs.exists(file))) {
    const missing =
      configPath === undefined
        ? []
        : [diag("FILE_UNREADABLE", `config file ${file} does not exist in this revision`)];
    return { config: structuredClone(DEFAULT_CONFIG), diagnostics: missing, sources };
  }
  const read = await fs.read(file, DEFAULT_CONFIG.limits.maxFileBytes);
  if (!read.ok)
    return { config: structuredClone(DEFAULT_CONFIG), diagnostics: [read.diagnostic], sources };
  sources.set(file, read.text);
  return { ...parseConfig(read.text, file), sources };
}
