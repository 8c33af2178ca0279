import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cronProblem, timezoneProblem } from "../../src/validate/cron.js";
import { compileMemoryRepo } from "../robustness/memory-repo.js";

/** The pattern of `spec.schedules[]` in Argo's CronWorkflow CRD, which the output is checked against. */
const ARGO_PATTERN =
  /^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|@every\s+([0-9]+(ns|us|µs|ms|s|m|h))+|([0-9*,/?-]+\s+){4}[0-9*,/?-]+)$/u;

describe("cronProblem", () => {
  it.each([
    "15 2 * * *",
    "*/10 * * * *",
    "0 0 1,15 * 1-5",
    "0-30/5 8-18 * 1-12/3 ?",
    "@daily",
    "@every 1h30m",
  ])("accepts %j", (cron) => {
    expect(cronProblem(cron)).toBeUndefined();
  });

  it.each([
    ["61 * * * *", 'minute "61": "61" is not a number from 0 to 59'],
    [
      "*/5 * * *",
      "it has 4 fields; a schedule has 5: minute, hour, day of month, month, day of week",
    ],
    ["0 0 0 * *", 'day of month "0": "0" is not a number from 1 to 31'],
    ["0 0 * * 7", 'day of week "7": "7" is not a number from 0 to 6'],
    [
      "0 0 * JAN *",
      'month "JAN": write JAN as a number (1): Argo\'s CronWorkflow schema takes numbers only',
    ],
    [
      "0 0 * * MON-FRI",
      'day of week "MON-FRI": write MON as a number (1): Argo\'s CronWorkflow schema takes numbers only',
    ],
    ["*/0 * * * *", 'minute "*/0": the step "0" is not a positive number'],
    ["30-10 * * * *", 'minute "30-10": the range "30-10" runs backwards'],
    [
      "0 0 * * * *",
      "it has 6 fields; a schedule has 5: minute, hour, day of month, month, day of week",
    ],
    [
      "@fortnightly",
      "@fortnightly is not one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or @every <duration>",
    ],
    ["@every 0s", "0s is not a duration such as 90s, 15m or 1h30m"],
    ["TZ=UTC 0 0 * * *", "write the time zone in `timezone:`, not in the expression"],
    [" 0 2 * * *", "it starts or ends with a space, which Argo's CronWorkflow schema refuses"],
    ["0 2 * * *\n", "it starts or ends with a space, which Argo's CronWorkflow schema refuses"],
    ["0\u00a02 * * * *", 'minute "0\u00a02": "0\u00a02" is not a number from 0 to 59'],
  ])("refuses %j", (cron, why) => {
    expect(cronProblem(cron)).toBe(why);
  });

  it("accepts nothing that Argo's CRD pattern would refuse", () => {
    const item = fc.oneof(
      fc.constantFrom(
        "*",
        "?",
        "*/5",
        "1-5",
        "0",
        "59",
        "60",
        "7",
        "JAN",
        "MON",
        "1,2",
        "a",
        "-",
        "/",
      ),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 7 }), (fields) => {
        const cron = fields.join(" ");
        if (cronProblem(cron) === undefined) expect(cron).toMatch(ARGO_PATTERN);
      }),
      { numRuns: 2000 },
    );
  });

  it("accepts nothing that Argo's CRD pattern would refuse, spaces around included", () => {
    const space = fc.constantFrom("", " ", "\t", "\n", "\u00a0");
    const cron = fc.constantFrom("15 2 * * *", "@daily", "@every 1h", "0 0 1,15 * 1-5");
    fc.assert(
      fc.property(space, cron, space, (before, text, after) => {
        const value = before + text + after;
        if (cronProblem(value) === undefined) expect(value).toMatch(ARGO_PATTERN);
      }),
    );
  });
});

describe("timezoneProblem", () => {
  it("knows IANA names and refuses others", () => {
    for (const zone of ["UTC", "Europe/Berlin", "Asia/Kolkata", "America/New_York"])
      expect(timezoneProblem(zone)).toBeUndefined();
    expect(timezoneProblem("Mars/Olympus")).toBe('"Mars/Olympus" is not an IANA time zone name');
  });
});

describe("a workflow's schedule", () => {
  it.each(["0 15 2 * * *", "0 2 * * MON-FRI", "@reboot", "@every 1x", " 0 2 * * *"])(
    "%j is one INVALID_CRON at the value, not also the CRD pattern's error",
    async (cron) => {
      const text = `name: nightly
version: v1
type: workflow
workspace: shop
workflow:
  schedule:
    cron: '${cron}'
  dag:
    - name: own
      spec:
        stack: container
        compute: runnable-default
        resources: {requests: {cpu: 100m, memory: 64Mi}}
        stackSpec: {image: "ghcr.io/acme/x:1.0.0"}
`;
      const built = await compileMemoryRepo(new Map([["resources/w.yaml", text]]));
      expect(built.diagnostics.map((d) => [d.code, d.range?.start])).toEqual([
        ["INVALID_CRON", text.indexOf(`'${cron}'`)],
      ]);
    },
  );

  it("is INVALID_CRON and INVALID_TIMEZONE at the values, both in one run", async () => {
    const text = `name: nightly
version: v1
type: workflow
workspace: shop
workflow:
  schedule:
    cron: '61 * * * *'
    timezone: Mars/Olympus
  dag:
    - name: own
      spec:
        stack: container
        compute: runnable-default
        resources: {requests: {cpu: 100m, memory: 64Mi}}
        stackSpec: {image: "ghcr.io/acme/x:1.0.0"}
`;
    const built = await compileMemoryRepo(new Map([["resources/w.yaml", text]]));
    expect(built.diagnostics.map((d) => [d.code, d.range?.start])).toEqual([
      ["INVALID_CRON", text.indexOf("'61")],
      ["INVALID_TIMEZONE", text.indexOf("Mars")],
    ]);
  });
});
