import { parseDocument, type Document } from "yaml";
import { collectionKey, collectionKeysOf } from "../yaml/collection-key.js";
import { diag, hasErrors, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { applyDefaults, type UserConfig } from "./apply-defaults.js";
import { maskBrokenConfigSecrets, redactConfigSecrets } from "./redact-config.js";
import { readRepoConfigFile, type RepoConfigFile } from "./read-config-file.js";
import { CONFIG_FILE_NAME, DEFAULT_CONFIG, type StackyardConfig } from "./types.js";
import { validateConfigData } from "./validate-config.js";

/** What loadConfig returns: the config (the defaults when there are errors) and why. */
export interface LoadedConfig {
  config: StackyardConfig;
  diagnostics: Diagnostic[];
  /** The config file's text keyed by its shown path, for printing the diagnostics. */
  sources: Map<string, string>;
}

/**
 * Loads `<root>/stackyard.yaml`, or `explicitPath` (relative to `root`) when given. A repository
 * without the file gets the defaults; an explicit path that does not exist is an error.
 */
export async function loadConfig(root: string, explicitPath?: string): Promise<LoadedConfig> {
  return configFromFile(await readRepoConfigFile(root, explicitPath), explicitPath !== undefined);
}

/**
 * The config a read config file gives; `explicit` when the file was named by --config, so that
 * its absence is an error.
 */
export function configFromFile({ shown, read }: RepoConfigFile, explicit: boolean): LoadedConfig {
  const sources = new Map<string, string>();
  if (read.kind === "absent") {
    if (!explicit) return { config: defaults(), diagnostics: [], sources };
    const missing = diag("FILE_UNREADABLE", `config file ${shown} does not exist`, undefined, {
      hint: `check the --config path; without --config stackyard reads ${CONFIG_FILE_NAME} if there is one`,
    });
    return { config: defaults(), diagnostics: [missing], sources };
  }
  if (read.kind === "failed")
    return { config: defaults(), diagnostics: [read.diagnostic], sources };
  const { config, diagnostics } = parseConfig(read.text, shown);
  // A config with errors is the defaults, which say nothing of where its secret values are.
  const shownText = hasErrors(diagnostics)
    ? maskBrokenConfigSecrets(read.text)
    : redactConfigSecrets(read.text, config);
  sources.set(shown, shownText);
  return { config, diagnostics, sources };
}

/**
 * Parses and checks the text of a config file; `file` is the path diagnostics name. The config
 * is the defaults when any diagnostic is an error; diagnostics come sorted.
 */
export function parseConfig(
  text: string,
  file: string,
): { config: StackyardConfig; diagnostics: Diagnostic[] } {
  const { config, diagnostics } = parseUnsorted(text, file);
  return {
    config: hasErrors(diagnostics) ? defaults() : config,
    diagnostics: sortDiagnostics(diagnostics),
  };
}

function parseUnsorted(
  text: string,
  file: string,
): { config: StackyardConfig; diagnostics: Diagnostic[] } {
  const doc = parseDocument(text, {
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
    logLevel: "error",
  });
  const syntax = doc.errors.map((e) => {
    const code = e.code === "DUPLICATE_KEY" ? "YAML_DUPLICATE_KEY" : "YAML_SYNTAX";
    const range = { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) };
    return diag(code, firstLine(e.message), { file, range });
  });
  if (syntax.length > 0) return { config: defaults(), diagnostics: syntax };
  // As data such a key would be text no one wrote ("[ a ]"), reported as unknown at 1:1.
  const keys = collectionKeysOf(doc).map((k) => collectionKey(file, text, k, "CONFIG_INVALID"));
  if (keys.length > 0) return { config: defaults(), diagnostics: keys };
  const data = toData(doc, file);
  if ("diagnostic" in data) return { config: defaults(), diagnostics: [data.diagnostic] };
  // An empty file, or one holding only comments, asks for the defaults.
  const user = data.value ?? {};
  const invalid = validateConfigData(user, doc, file);
  if (invalid.length > 0) return { config: defaults(), diagnostics: invalid };
  return applyDefaults(user as UserConfig, doc, file);
}

function toData(doc: Document, file: string): { value: unknown } | { diagnostic: Diagnostic } {
  try {
    return { value: doc.toJS({ maxAliasCount: 100 }) };
  } catch {
    // yaml throws only when aliases expand past maxAliasCount (a "billion laughs" document).
    const range = { start: 0, end: 1 };
    return {
      diagnostic: diag("YAML_ALIAS_LIMIT", `${file} expands its aliases too far`, { file, range }),
    };
  }
}

function firstLine(message: string): string {
  const line = message.split("\n")[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, "");
}

function defaults(): StackyardConfig {
  return structuredClone(DEFAULT_CONFIG);
}
