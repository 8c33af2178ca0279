/** The diff stage: compile two revisions in memory and compare them object by object. */
export { diffRevisions, type DiffOutcome, type DiffRequest } from "./diff-revisions.js";
export { diffCompiled } from "./diff-compiled.js";
export { compileSide, type CompiledSide, type SideSpec } from "./compile-side.js";
export { gitRepoFs } from "./git-repo-fs.js";
export { renderText, type TextOptions } from "./render/text.js";
export { renderMarkdown, DETAILS_MARKER, type MarkdownOptions } from "./render/markdown.js";
export { RISK_RULES, type RiskRule } from "./risks/index.js";
export type * from "./types.js";
