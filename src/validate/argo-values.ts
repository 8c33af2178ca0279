/**
 * Values a workflow hands to Argo as text, checked as Argo parses them: a bad one is accepted by
 * the cluster and fails only when the schedule or the retry is evaluated.
 */

/**
 * Why `text` is not an Argo duration, or undefined. Argo reads `retryStrategy.backoff.duration`
 * and `maxDuration` as a whole number of seconds, else as a Go duration (`90s`, `15m`, `1h30m`,
 * `1.5h`; units ns, us, µs, ms, s, m, h).
 */
export function argoDurationProblem(text: string): string | undefined {
  if (/^\d+$/.test(text) || GO_DURATION.test(text)) return undefined;
  return `${JSON.stringify(text)} is not a number of seconds or a duration such as 30s, 10m or 1h30m`;
}

const GO_DURATION = /^((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/u;

/**
 * Why `text` is not an RFC 3339 date and time (`2027-01-01T00:00:00Z`,
 * `2027-01-01T02:00:00+01:00`), the form Go's time.RFC3339 parses, or undefined.
 */
export function rfc3339Problem(text: string): string | undefined {
  const m = RFC3339.exec(text);
  const why = `${JSON.stringify(text)} is not an RFC 3339 date and time`;
  if (m === null) return why;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as number[];
  const days = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  if (month! < 1 || month! > 12 || day! < 1 || day! > days) return `${why}: there is no such day`;
  if (hour! > 23 || minute! > 59 || second! > 59) return `${why}: there is no such time`;
  const offset = m[7]!;
  if (offset !== "Z" && (Number(offset.slice(1, 3)) > 23 || Number(offset.slice(4)) > 59))
    return `${why}: ${offset} is not a time zone offset`;
  return undefined;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
