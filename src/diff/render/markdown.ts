import { hunkHeader } from "../unified-diff.js";
import type {
  BlastRadius,
  DiffReport,
  LocatedDiagnostic,
  ObjectChange,
  ResourceGroup,
  RiskFlag,
} from "../types.js";
import {
  changeTitle,
  countsLine,
  isNoOp,
  lineCounts,
  noLongerCompile,
  notComparedReason,
  plural,
  sideName,
  spansClusters,
  STATUS_WORD,
} from "./describe.js";
import { fenceFor, htmlText, mdCode, mdText } from "./markdown-text.js";

/** How the Markdown report is written. */
export interface MarkdownOptions {
  /** Prefix that turns `file` into a link (`https://github.com/o/r/blob/<sha>/`); none: plain. */
  linkBase?: string;
  /** The most characters of diff shown per object; the rest is counted, not shown. */
  maxObjectChars?: number;
}

/**
 * Separates the summary from the per-object details. preview splits a long report here, and
 * only at the top level of the details (never inside a code block or a `<details>`).
 */
export const DETAILS_MARKER = "<!-- stackyard:details -->";

/** Long lists in the summary stop here, so the summary always fits in one comment. */
const MAX_LISTED = 50;
const DEFAULT_MAX_OBJECT_CHARS = 20_000;

/** The diff as GitHub-flavoured Markdown: the summary, then one collapsed diff per object. */
export function renderMarkdown(report: DiffReport, opts: MarkdownOptions = {}): string {
  const link = (file: string, line?: number): string => fileLink(file, line, opts.linkBase);
  const out: string[] = [
    `### stackyard diff: ${mdCode(sideName(report.base))} → ${mdCode(sideName(report.head))}`,
    "",
  ];
  if (!report.compared) out.push(`⛔ **${mdText(notComparedReason(report))}**`);
  else
    out.push(
      isNoOp(report)
        ? `No changes to Kubernetes objects (${report.counts.unchanged} unchanged).`
        : `**${countsLine(report)}** in ${plural(report.groups.length, "resource")}.`,
    );
  if (report.risks.length > 0)
    out.push("", "#### Risks", "", ...capped(report.risks, (r) => riskItem(r, link)));
  out.push(...diagnosticsSection(report, link));
  for (const b of report.blastRadius) out.push("", ...blastSection(b, report.compared, link));
  if (report.groups.length > 0) {
    out.push("", DETAILS_MARKER, "", "#### Changes by resource");
    const withCluster = spansClusters(report);
    const max = opts.maxObjectChars ?? DEFAULT_MAX_OBJECT_CHARS;
    for (const group of report.groups) out.push("", ...groupSection(group, withCluster, max, link));
  }
  return `${out.join("\n")}\n`;
}

function fileLink(file: string, line: number | undefined, linkBase: string | undefined): string {
  const shown = mdCode(line === undefined ? file : `${file}:${line}`);
  if (linkBase === undefined) return shown;
  const anchor = line === undefined ? "" : `#L${line}`;
  return `[${shown}](${linkBase}${encodeURI(file)}${anchor})`;
}

/** At most MAX_LISTED bullet items, then how many more. */
function capped<T>(items: readonly T[], item: (t: T) => string): string[] {
  const shown = items.slice(0, MAX_LISTED).map(item);
  return items.length > MAX_LISTED
    ? [...shown, `- … and ${items.length - MAX_LISTED} more`]
    : shown;
}

function riskItem(r: RiskFlag, link: (file: string, line?: number) => string): string {
  const badge = r.level === "danger" ? "🔴 **danger**" : "🟠 **warning**";
  return `- ${badge} ${mdText(`[${r.cluster}] ${r.message}`)} — ${link(r.file, r.line)}`;
}

function diagnosticsSection(
  report: DiffReport,
  link: (file: string, line?: number) => string,
): string[] {
  const { introduced, fixed, remaining } = report.diagnostics;
  if (introduced.length === 0 && fixed.length === 0 && remaining.length === 0) return [];
  const out = ["", "#### Diagnostics"];
  if (introduced.length > 0)
    out.push(
      "",
      `**Introduced (${introduced.length})**`,
      "",
      ...capped(introduced, (d) => diagnosticItem(d, link)),
    );
  if (fixed.length > 0)
    out.push(
      "",
      `**Fixed (${fixed.length})**`,
      "",
      ...capped(fixed, (d) => diagnosticItem(d, link)),
    );
  if (remaining.length > 0)
    out.push(
      "",
      `**Errors already there (${remaining.length})**`,
      "",
      ...capped(remaining, (d) => diagnosticItem(d, link)),
    );
  return out;
}

function diagnosticItem(
  d: LocatedDiagnostic,
  link: (file: string, line?: number) => string,
): string {
  const icon = d.severity === "error" ? "❌" : d.severity === "warning" ? "⚠️" : "ℹ️";
  const where = d.file === undefined ? "" : `${link(d.file, d.line)} `;
  const hint = d.hint === undefined ? "" : `<br>hint: ${mdText(d.hint)}`;
  return `- ${icon} ${where}${mdCode(d.code)} ${mdText(d.message)}${hint}`;
}

function blastSection(
  b: BlastRadius,
  compared: boolean,
  link: (file: string, line?: number) => string,
): string[] {
  const out = [
    `#### Blast radius of stack ${mdCode(b.stack)}`,
    "",
    `Defined in ${link(b.file)}.`,
    "",
  ];
  if (compared)
    out.push(
      `- Output changes for ${plural(b.changed.length, "resource")}${b.changed.length > 0 ? `: ${b.changed.slice(0, MAX_LISTED).map(mdCode).join(", ")}` : ""}${b.changed.length > MAX_LISTED ? ` and ${b.changed.length - MAX_LISTED} more` : ""}`,
    );
  if (b.rejected.length > 0) {
    out.push(
      `- ${noLongerCompile(b.rejected.length)}: ${b.rejected
        .slice(0, MAX_LISTED)
        .map((r) => `${link(r.file)} (${plural(r.errors, "error")})`)
        .join(", ")}`,
    );
  }
  return out;
}

function groupSection(
  group: ResourceGroup,
  withCluster: boolean,
  max: number,
  link: (file: string, line?: number) => string,
): string[] {
  const out = [`##### ${mdCode(group.resourceId)} · ${link(group.file, group.line)}`];
  for (const change of group.changes) out.push("", ...objectBlock(change, withCluster, max));
  return out;
}

/** One object: a collapsed `<details>` whose body is a fenced diff, cut at `max` characters. */
function objectBlock(change: ObjectChange, withCluster: boolean, max: number): string[] {
  const { added, removed } = lineCounts(change.hunks);
  const summary = `<b>${STATUS_WORD[change.status]}</b> <code>${htmlText(changeTitle(change, withCluster))}</code> (+${added} −${removed})`;
  const body = diffBody(change, max);
  const fence = fenceFor(body);
  return [
    `<details><summary>${summary}</summary>`,
    "",
    `${fence}diff`,
    body,
    fence,
    "",
    "</details>",
  ];
}

function diffBody(change: ObjectChange, max: number): string {
  const lines: string[] = [];
  let size = 0;
  let dropped = 0;
  for (const h of change.hunks) {
    for (const line of [hunkHeader(h), ...h.lines.map((l) => `${l.op}${l.text}`)]) {
      if (dropped > 0 || size + line.length + 1 > max) {
        dropped++;
        continue;
      }
      lines.push(line);
      size += line.length + 1;
    }
  }
  if (dropped > 0)
    lines.push(
      `# … ${plural(dropped, "more line")} not shown; run stackyard diff locally for the whole object`,
    );
  return lines.join("\n");
}
