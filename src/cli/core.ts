import type { LoadedConfig } from "../config/load-config.js";
import type { StackyardConfig } from "../config/types.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { DiffOutcome, DiffRequest } from "../diff/index.js";
import type { PostOutcome, PullRequestTarget } from "../preview/index.js";
import type { PublishOutcome, PublishRequest } from "../publish/index.js";
import type { StackSummary } from "../build/list-stacks.js";
import type { RepoInspection } from "../build/inspect-repo.js";

/**
 * The compiler as the CLI sees it. main.ts passes the real modules (src/build, src/template);
 * keeping the port here means each command can be exercised with any implementation.
 */
export interface Core {
  /**
   * stackyard.yaml (or `explicitPath`), as loadConfig reads it; `cache: false` (`--no-cache`)
   * parses it even when the build cache knows what the text means. `remember`, when given,
   * keeps a parsed config in a build cache made since (a first build's).
   */
  loadConfig(
    root: string,
    explicitPath: string | undefined,
    cache: boolean,
  ): Promise<LoadedConfig & { remember?: () => Promise<void> }>;
  listStacks(
    req: RepoRequest,
  ): Promise<{ stacks: StackSummary[]; diagnostics: Diagnostic[]; sources: Map<string, string> }>;
  buildRepo(
    req: RepoRequest,
  ): Promise<CompileResult & { write?: WriteStats; incremental?: IncrementalStats }>;
  checkRepo(req: RepoRequest): Promise<CompileResult & { stale?: StaleFiles }>;
  validateRepo(req: RepoRequest): Promise<CompileResult>;
  /** Compiles in memory for `graph` and `explain`: objects, their provenance, lineage. */
  inspectRepo(req: RepoRequest): Promise<RepoInspection>;
  diffRevisions(req: DiffRequest): Promise<DiffOutcome>;
  postPreview(target: PullRequestTarget, markdown: string): Promise<PostOutcome>;
  publishRendered(req: PublishRequest): Promise<PublishOutcome>;
  /** Why `root` cannot be published from at all (not in git, no commit): asked before a build. */
  publishSourceRefusal(
    root: string,
    env: Record<string, string | undefined>,
  ): Promise<{ message: string; hint: string } | undefined>;
  evalTemplateFile(
    source: string,
    fileName: string,
    dataText: string,
    format: "json" | "yaml",
    dataName?: string,
  ): TemplateEvalResult | Promise<TemplateEvalResult>;
}

/** What to compile: the repository root, its config, and optionally the files to look at. */
export interface RepoRequest {
  root: string;
  config: StackyardConfig;
  /** Repository-relative POSIX paths (files or folders) that narrow the reported diagnostics. */
  paths?: string[];
  /** `build --cluster`: the clusters to build; the others' files in out/ stay as they are. */
  onlyClusters?: string[];
  /** `explain`: with `clusters:`, inspect each cluster's objects as it receives them. */
  perCluster?: boolean;
  /** `build --no-cache`: false compiles even when the build cache says nothing changed. */
  cache?: boolean;
}

/** The outcome of compiling a repository in memory. */
export interface CompileResult {
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
  stats: { resources: number; objects: number; files: number };
}

/** What a build did to out/. */
export interface WriteStats {
  written: number;
  unchanged: number;
  pruned: number;
}

/** An incremental build: how many manifest files were compiled again. */
export interface IncrementalStats {
  recompiled: number;
}

/** Files under out/ that differ from what the repository compiles to. */
export interface StaleFiles {
  added: string[];
  changed: string[];
  deleted: string[];
}

/** `template eval`: the rendered text, or why rendering failed. */
export type TemplateEvalResult = { ok: true; output: string } | { ok: false; message: string };
