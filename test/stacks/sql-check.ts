/**
 * A small well-formedness checker for the Spark SQL the stacks emit: it splits statements
 * exactly as the Flare runner does (on `;` outside quotes, backticks and comments) and checks
 * that quotes close, parentheses balance, the text ends with a terminator, and each statement
 * starts with a keyword we emit and has its clauses in the expected order.
 */

/** Statement shapes: the first keywords, then keywords that must follow in this order. */
const SHAPES: Array<{ start: RegExp; order: string[] }> = [
  { start: /^CREATE OR REPLACE TEMPORARY VIEW\b/, order: ["AS|USING"] },
  { start: /^CREATE NAMESPACE IF NOT EXISTS\b/, order: [] },
  { start: /^CREATE OR REPLACE TABLE\b/, order: ["USING", "AS SELECT"] },
  { start: /^CREATE TABLE\b/, order: ["USING", "AS SELECT"] },
  { start: /^INSERT INTO\b/, order: ["SELECT"] },
  { start: /^INSERT OVERWRITE DIRECTORY\b/, order: ["USING", "SELECT"] },
  { start: /^MERGE INTO\b/, order: ["USING", "ON", "WHEN"] },
  { start: /^EXPLAIN\b/, order: ["SELECT"] },
  { start: /^CALL\b/, order: [] },
];

/** Statements of a SQL text, comments removed; problems found while splitting. */
export function splitSql(text: string): { statements: string[]; problems: string[] } {
  const statements: string[] = [];
  const problems: string[] = [];
  let current = "";
  let quote: string | undefined;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const next = text[i + 1] ?? "";
    if (quote !== undefined) {
      current += ch;
      if (ch === "\\" && quote !== "`" && next !== "") current += text[++i];
      else if (ch === quote) quote = undefined;
    } else if (ch === "-" && next === "-") {
      const end = text.indexOf("\n", i);
      i = end === -1 ? text.length : end - 1;
    } else if (ch === "/" && next === "*") {
      const end = text.indexOf("*/", i + 2);
      if (end === -1) problems.push("unterminated /* comment");
      i = end === -1 ? text.length : end + 1;
    } else if (ch === "'" || ch === '"' || ch === "`") {
      quote = ch;
      current += ch;
    } else if (ch === ";") {
      if (depth !== 0) problems.push(`unbalanced parentheses in: ${current.trim()}`);
      depth = 0;
      if (current.trim() !== "") statements.push(current.trim());
      current = "";
    } else {
      if (ch === "(") depth++;
      if (ch === ")" && --depth < 0) problems.push(`a ')' closes nothing in: ${current.trim()}`);
      current += ch;
    }
  }
  if (quote !== undefined) problems.push(`unterminated ${quote} quote`);
  if (current.trim() !== "") problems.push(`the last statement has no ';': ${current.trim()}`);
  return { statements, problems };
}

/** Every problem with a SQL text; an empty list means it is well formed. */
export function sqlProblems(text: string): string[] {
  const { statements, problems } = splitSql(text);
  if (statements.length === 0) problems.push("no statements");
  for (const statement of statements) {
    const upper = statement.replace(/\s+/g, " ").toUpperCase();
    const shape = SHAPES.find((s) => s.start.test(upper));
    if (shape === undefined) {
      problems.push(`unexpected statement: ${statement.slice(0, 60)}`);
      continue;
    }
    let at = 0;
    for (const keyword of shape.order) {
      const found = keyword
        .split("|")
        .map((k) => upper.indexOf(` ${k} `, at))
        .filter((n) => n !== -1)
        .sort((a, b) => a - b)[0];
      if (found === undefined)
        problems.push(`expected ${keyword} after position ${at} in: ${statement.slice(0, 80)}`);
      else at = found + 1;
    }
  }
  return problems;
}
