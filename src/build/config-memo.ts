/**
 * What stackyard.yaml's text meant the last time it was parsed, kept in the build cache so
 * that a command run on an unchanged config does not load the YAML parser and the config
 * schema to read it again: about 20 ms of a 0.16 s no-op build at 1,000 resources.
 *
 * The memo is keyed by the text's sha256 and the compiler's identity, and only a config that
 * parsed without a diagnostic is kept. Parsing is a pure function of the text (no file, clock
 * or environment is read: see src/config/), so a memo with the same key gives exactly the
 * config the parse would. It lives in `<outDir>/.stackyard/cache/config.json`, and the outDir
 * is what the config says: it is looked for where a top-level `outDir:` line of the text
 * points, or in `out/` without one. That guess only decides where to look; a memo found
 * elsewhere than the config's own outDir, or for other text, is not used.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { LoadedConfig } from "../config/load-config.js";
import { readRepoConfigFile, type RepoConfigFile } from "../config/read-config-file.js";
import { redactConfigSecrets, secretSettings } from "../config/redact-config.js";
import { DEFAULT_CONFIG, type StackyardConfig } from "../config/types.js";
import { sha256 } from "../emit/ownership-index.js";
import { CACHE_DIR, readChecked, writeChecked } from "./build-cache.js";

const MEMO_FILE = "config.json";
/** Bumped whenever the memo's shape or meaning changes; other formats are ignored. */
const MEMO_FORMAT = 1;

interface ConfigMemo {
  format: number;
  compilerId: string;
  /** The config file as messages name it. */
  file: string;
  /** The sha256 of the text, or "absent" for a repository without stackyard.yaml. */
  text: string;
  config: StackyardConfig;
}

/** A loaded config, with what keeps it for the next command when it was parsed. */
export type MemoizedConfig = LoadedConfig & {
  /**
   * Writes the memo if the outDir holds a build cache: a build calls it once it has written
   * out/; nothing when the config came from the memo, had errors, would not be found there, or
   * sets a secret's value.
   * Errors writing are ignored: the memo is only a shortcut.
   */
  remember(): Promise<void>;
};

/**
 * loadConfig, answered from the memo when the config file's text is the one it was made from
 * (unless `trust` is false: `--no-cache`); else parsed, and remembered by `remember()`.
 */
export async function loadConfigMemoized(
  root: string,
  explicitPath: string | undefined,
  compilerId: string,
  trust: boolean,
): Promise<MemoizedConfig> {
  const nothing = async () => {};
  const file = await readRepoConfigFile(root, explicitPath);
  const text = textKey(file, explicitPath !== undefined);
  if (text === undefined)
    return { ...(await parsed(file, explicitPath !== undefined)), remember: nothing };
  const hint = file.read.kind === "text" ? outDirHint(file.read.text) : DEFAULT_CONFIG.outDir;
  const want = { format: MEMO_FORMAT, compilerId, file: file.shown, text };
  if (trust && hint !== undefined) {
    const memo = await readMemo(root, hint);
    if (memo !== undefined && sameKey(memo, want)) {
      const sources = new Map<string, string>();
      if (file.read.kind === "text")
        sources.set(file.shown, redactConfigSecrets(file.read.text, memo.config));
      return { config: memo.config, diagnostics: [], sources, remember: nothing };
    }
  }
  const loaded = await parsed(file, explicitPath !== undefined);
  // Kept only where the next lookup will look, and never with a secret value in it.
  const outDir = path.resolve(root, loaded.config.outDir);
  const found = hint !== undefined && path.resolve(root, hint) === outDir;
  const secret = secretSettings(loaded.config).some((s) => s.value !== null && s.value !== "");
  if (loaded.diagnostics.length > 0 || !found || secret) return { ...loaded, remember: nothing };
  let done = false;
  // Called by a build that wrote out/: a failing build, and `validate` or `check`, write nothing.
  const remember = async () => {
    if (done || !existsSync(path.join(outDir, CACHE_DIR))) return;
    done = true;
    const memo: ConfigMemo = { ...want, config: loaded.config };
    await writeChecked(outDir, MEMO_FILE, memo).catch(() => {});
  };
  return { ...loaded, remember };
}

/**
 * The outDir a config text sets on a top-level line of its own (`outDir: build/k8s`), the
 * default when no line sets it, undefined when it cannot tell (two such lines, odd quoting).
 * A config that sets it another way (`{outDir: x}`) is only looked for in the wrong place.
 */
export function outDirHint(text: string): string | undefined {
  const lines = text.match(/^outDir[ \t]*:.*$/gm);
  if (lines === null) return DEFAULT_CONFIG.outDir;
  if (lines.length !== 1) return undefined;
  const value = /^outDir[ \t]*:[ \t]*(["']?)([^"'#\s]+)\1[ \t]*(?:#.*)?$/.exec(lines[0] ?? "");
  return value?.[2];
}

/** What keys the memo of this read: the text's hash, "absent", or undefined when not kept. */
function textKey(file: RepoConfigFile, explicit: boolean): string | undefined {
  if (file.read.kind === "text") return sha256(file.read.text);
  // A missing --config is an error, and an unreadable file one too: parsed every time.
  return file.read.kind === "absent" && !explicit ? "absent" : undefined;
}

async function parsed(file: RepoConfigFile, explicit: boolean): Promise<LoadedConfig> {
  const { configFromFile } = await import("../config/load-config.js");
  return configFromFile(file, explicit);
}

async function readMemo(root: string, outDir: string): Promise<ConfigMemo | undefined> {
  const read = await readChecked(path.resolve(root, outDir), MEMO_FILE);
  const memo = read?.value as Partial<ConfigMemo> | undefined;
  if (typeof memo !== "object" || memo === null) return undefined;
  const config = memo.config as Partial<StackyardConfig> | undefined;
  if (typeof config !== "object" || config === null || typeof config.outDir !== "string")
    return undefined;
  // A memo is only ever written to the outDir of its own config.
  if (path.resolve(root, config.outDir) !== path.resolve(root, outDir)) return undefined;
  return memo as ConfigMemo;
}

function sameKey(memo: ConfigMemo, want: Omit<ConfigMemo, "config">): boolean {
  return (
    memo.format === want.format &&
    memo.compilerId === want.compilerId &&
    memo.file === want.file &&
    memo.text === want.text
  );
}
