/**
 * Checks a schedule as Argo's CronWorkflow takes it (robfig/cron's standard parser, within the
 * CRD's pattern, which has no month or day names): five fields — minute, hour, day of month,
 * month, day of week — or a descriptor (`@daily`, `@every 1h30m`…). Returns why it is not
 * one, or undefined.
 */
export function cronProblem(text: string): string | undefined {
  if (/^(CRON_)?TZ=/.test(text.trim()))
    return "write the time zone in `timezone:`, not in the expression";
  if (text !== text.replace(/^[ \t\n\f\r]+|[ \t\n\f\r]+$/g, ""))
    return "it starts or ends with a space, which Argo's CronWorkflow schema refuses";
  if (text.startsWith("@")) {
    if (DESCRIPTORS.has(text)) return undefined;
    const every = /^@every[ \t\n\f\r]+([^ \t\n\f\r]+)$/.exec(text);
    if (every !== null)
      return /^(\d+(ns|us|µs|ms|s|m|h))+$/.test(every[1]!) && /[1-9]/.test(every[1]!)
        ? undefined
        : `${every[1]} is not a duration such as 90s, 15m or 1h30m`;
    return `${text} is not one of ${[...DESCRIPTORS].join(", ")} or @every <duration>`;
  }
  // Whitespace as Go's regexp \s (the CRD's pattern) has it: no other space separates fields.
  const fields = text.split(/[ \t\n\f\r]+/);
  if (fields.length !== 5)
    return `it has ${fields.length} field${fields.length === 1 ? "" : "s"}; a schedule has 5: minute, hour, day of month, month, day of week`;
  for (let i = 0; i < 5; i++) {
    const problem = fieldProblem(fields[i]!, FIELDS[i]!);
    if (problem !== undefined) return `${FIELDS[i]!.name} ${JSON.stringify(fields[i])}: ${problem}`;
  }
  return undefined;
}

/** Why `zone` is not an IANA time zone name this runtime knows, or undefined. */
export function timezoneProblem(zone: string): string | undefined {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return undefined;
  } catch {
    return `${JSON.stringify(zone)} is not an IANA time zone name`;
  }
}

const DESCRIPTORS = new Set([
  "@yearly",
  "@annually",
  "@monthly",
  "@weekly",
  "@daily",
  "@midnight",
  "@hourly",
]);

interface Field {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** `?` stands for `*` (day of month, day of week). */
  question?: true;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const FIELDS: readonly Field[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31, question: true },
  { name: "month", min: 1, max: 12, names: MONTHS },
  { name: "day of week", min: 0, max: 6, names: DAYS, question: true },
];

/** Why one field is not a list of `*`, `?`, `N`, `N-M`, each with an optional `/step`. */
function fieldProblem(text: string, field: Field): string | undefined {
  for (const item of text.split(",")) {
    const [range, step, extra] = item.split("/");
    if (extra !== undefined || range === "")
      return `${JSON.stringify(item)} is not a value, range or step`;
    if (step !== undefined && !/^[1-9]\d*$/.test(step))
      return `the step ${JSON.stringify(step)} is not a positive number`;
    if (range === "*" || (range === "?" && field.question)) continue;
    const [from, to, more] = range!.split("-");
    if (more !== undefined) return `${JSON.stringify(range)} is not a range`;
    for (const part of [from!, ...(to === undefined ? [] : [to])]) {
      const named = field.names?.indexOf(part.toUpperCase()) ?? -1;
      if (named !== -1)
        return `write ${part} as a number (${named + (field.names === MONTHS ? 1 : 0)}): Argo's CronWorkflow schema takes numbers only`;
    }
    const a = valueOf(from!, field);
    const b = to === undefined ? a : valueOf(to, field);
    if (a === undefined || b === undefined)
      return `${JSON.stringify(a === undefined ? from : to)} is not a number from ${field.min} to ${field.max}`;
    if (a > b) return `the range ${JSON.stringify(range)} runs backwards`;
  }
  return undefined;
}

function valueOf(text: string, field: Field): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= field.min && n <= field.max ? n : undefined;
}
