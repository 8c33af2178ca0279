import { hunkHeader } from "../unified-diff.js";
import type {
  BlastRadius,
  DiffReport,
  LocatedDiagnostic,
  ObjectChange,
  RiskFlag,
} from "../types.js";
import {
  changeTitle,
  countsLine,
  isNoOp,
  noLongerCompile,
  notComparedReason,
  plural,
  sideName,
  spansClusters,
} from "./describe.js";

/** How the text report is printed. */
export interface TextOptions {
  /** ANSI colours (the CLI decides: a terminal, no NO_COLOR). */
  color: boolean;
}

const ANSI = { red: 31, green: 32, yellow: 33, cyan: 36, bold: 1, dim: 2 } as const;
type Paint = (style: keyof typeof ANSI, text: string) => string;

/** The diff as terminal text: summary, risks, diagnostics, blast radius, then every object's diff. */
export function renderText(report: DiffReport, opts: TextOptions): string {
  const paint: Paint = opts.color
    ? (style, text) => `\u001b[${ANSI[style]}m${text}\u001b[0m`
    : (_style, text) => text;
  const out: string[] = [
    paint("bold", `stackyard diff ${sideName(report.base)} → ${sideName(report.head)}`),
  ];
  if (!report.compared) out.push(paint("red", notComparedReason(report)));
  else
    out.push(
      isNoOp(report)
        ? `no changes to Kubernetes objects (${report.counts.unchanged} unchanged)`
        : countsLine(report),
    );
  if (report.risks.length > 0)
    out.push("", paint("bold", "Risks"), ...report.risks.map((r) => riskLine(r, paint)));
  out.push(...diagnosticSection("Diagnostics introduced", report.diagnostics.introduced, paint));
  out.push(...diagnosticSection("Diagnostics fixed", report.diagnostics.fixed, paint));
  out.push(...diagnosticSection("Errors already there", report.diagnostics.remaining, paint));
  for (const b of report.blastRadius) out.push("", ...blastLines(b, report.compared, paint));
  const withCluster = spansClusters(report);
  for (const group of report.groups) {
    out.push(
      "",
      `${paint("bold", group.resourceId)}  ${paint("dim", `${group.file}:${group.line}`)}`,
    );
    for (const change of group.changes) out.push(...changeLines(change, withCluster, paint));
  }
  return `${out.join("\n")}\n`;
}

function riskLine(r: RiskFlag, paint: Paint): string {
  const level = r.level === "danger" ? paint("red", "danger ") : paint("yellow", "warning");
  return `  ${level} [${r.cluster}] ${r.message}  ${paint("dim", `${r.file}:${r.line}`)}`;
}

function diagnosticSection(
  title: string,
  list: readonly LocatedDiagnostic[],
  paint: Paint,
): string[] {
  if (list.length === 0) return [];
  return [
    "",
    paint("bold", `${title} (${list.length})`),
    ...list.map((d) => `  ${diagnosticLine(d, paint)}`),
  ];
}

/** `file:line:col severity CODE message`, the way stackyard prints any diagnostic. */
function diagnosticLine(d: LocatedDiagnostic, paint: Paint): string {
  const where =
    d.file === undefined
      ? ""
      : `${[d.file, d.line, d.column].filter((x) => x !== undefined).join(":")} `;
  const severity =
    d.severity === "error"
      ? paint("red", "error")
      : d.severity === "warning"
        ? paint("yellow", "warning")
        : "info";
  const hint = d.hint === undefined ? "" : `\n    hint: ${d.hint}`;
  return `${where}${severity} ${d.code} ${d.message}${hint}`;
}

function blastLines(b: BlastRadius, compared: boolean, paint: Paint): string[] {
  const lines = [paint("bold", `Blast radius of stack ${b.stack}`) + paint("dim", `  ${b.file}`)];
  if (compared)
    lines.push(
      `  output changes for ${plural(b.changed.length, "resource")}${b.changed.length > 0 ? ":" : ""}`,
      ...b.changed.map((id) => `    ${id}`),
    );
  if (b.rejected.length > 0)
    lines.push(
      `  ${noLongerCompile(b.rejected.length)}:`,
      ...b.rejected.map((r) => `    ${r.file} (${plural(r.errors, "error")})`),
    );
  return lines;
}

const MARK: Record<ObjectChange["status"], { sign: string; style: keyof typeof ANSI }> = {
  changed: { sign: "~", style: "yellow" },
  added: { sign: "+", style: "green" },
  removed: { sign: "-", style: "red" },
  renamed: { sign: "→", style: "cyan" },
};

function changeLines(change: ObjectChange, withCluster: boolean, paint: Paint): string[] {
  const { sign, style } = MARK[change.status];
  const lines = [
    `  ${paint(style, `${sign} ${change.status}`)} ${changeTitle(change, withCluster)}`,
  ];
  for (const h of change.hunks) {
    lines.push(`    ${paint("cyan", hunkHeader(h))}`);
    for (const l of h.lines) {
      const text = `    ${l.op}${l.text}`;
      lines.push(l.op === "+" ? paint("green", text) : l.op === "-" ? paint("red", text) : text);
    }
  }
  return lines;
}
