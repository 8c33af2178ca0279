import { describe, expect, it } from "vitest";
import { argoDurationProblem, rfc3339Problem } from "../../src/validate/argo-values.js";
import { compileMemoryRepo } from "../robustness/memory-repo.js";

describe("argoDurationProblem", () => {
  it.each(["10", "0", "30s", "10m", "2h", "1h30m", "1.5h", "500ms", "90s"])("accepts %j", (d) => {
    expect(argoDurationProblem(d)).toBeUndefined();
  });

  it.each(["ten", "forever", "10x", "1d", "1 h", "-5", "", "h", "1h 30m"])("refuses %j", (d) => {
    expect(argoDurationProblem(d)).toBe(
      `${JSON.stringify(d)} is not a number of seconds or a duration such as 30s, 10m or 1h30m`,
    );
  });
});

describe("rfc3339Problem", () => {
  it.each(["2027-01-01T00:00:00Z", "2027-01-01T02:00:00+02:00", "2028-02-29T23:59:59.5-05:30"])(
    "accepts %j",
    (t) => {
      expect(rfc3339Problem(t)).toBeUndefined();
    },
  );

  it.each([
    ["tomorrow", '"tomorrow" is not an RFC 3339 date and time'],
    ["2027-01-01", '"2027-01-01" is not an RFC 3339 date and time'],
    ["2027-01-01 00:00:00Z", '"2027-01-01 00:00:00Z" is not an RFC 3339 date and time'],
    [
      "2027-02-29T00:00:00Z",
      '"2027-02-29T00:00:00Z" is not an RFC 3339 date and time: there is no such day',
    ],
    [
      "2027-13-01T00:00:00Z",
      '"2027-13-01T00:00:00Z" is not an RFC 3339 date and time: there is no such day',
    ],
    [
      "2027-01-01T24:00:00Z",
      '"2027-01-01T24:00:00Z" is not an RFC 3339 date and time: there is no such time',
    ],
    [
      "2027-01-01T00:00:00+25:00",
      '"2027-01-01T00:00:00+25:00" is not an RFC 3339 date and time: +25:00 is not a time zone offset',
    ],
  ])("refuses %j", (t, why) => {
    expect(rfc3339Problem(t)).toBe(why);
  });
});

const job = (name: string, extra = "") => `    - name: ${name}
      spec:
        stack: container
        compute: runnable-default
        resources: {requests: {cpu: 100m, memory: 64Mi}}
        stackSpec: {image: "ghcr.io/acme/x:1.0.0"}
${extra}`;

describe("a workflow's endOn and retry durations", () => {
  it("are INVALID_VALUE at each value, with no approximation warning for the bad endOn", async () => {
    const text = `name: nightly
version: v1
type: workflow
workspace: shop
workflow:
  schedule:
    cron: '15 2 * * *'
    endOn: "tomorrow"
  dag:
${job("one", '      retry: {count: 2, duration: "ten", maxDuration: "forever"}\n')}${job("two", '      retry: {duration: "10", maxDuration: "1h30m"}\n')}    - name: three
      file: job.yaml
`;
    const included = `name: three
spec:
  stack: container
  compute: runnable-default
  resources: {requests: {cpu: 100m, memory: 64Mi}}
  stackSpec: {image: "ghcr.io/acme/x:1.0.0"}
retry: {maxDuration: 5 minutes}
`;
    const built = await compileMemoryRepo(
      new Map([
        ["resources/w.yaml", text],
        ["resources/job.yaml", included],
      ]),
    );
    const found = built.diagnostics.map((d) => [d.code, d.file, d.range?.start, d.message]);
    expect(found).toEqual([
      [
        "INVALID_VALUE",
        "resources/job.yaml",
        included.indexOf("5 minutes"),
        'retry.maxDuration "5 minutes" is not a number of seconds or a duration such as 30s, 10m or 1h30m',
      ],
      [
        "INVALID_VALUE",
        "resources/w.yaml",
        text.indexOf('"tomorrow"'),
        'schedule.endOn "tomorrow" is not an RFC 3339 date and time',
      ],
      [
        "INVALID_VALUE",
        "resources/w.yaml",
        text.indexOf('"ten"'),
        'retry.duration "ten" is not a number of seconds or a duration such as 30s, 10m or 1h30m',
      ],
      [
        "INVALID_VALUE",
        "resources/w.yaml",
        text.indexOf('"forever"'),
        'retry.maxDuration "forever" is not a number of seconds or a duration such as 30s, 10m or 1h30m',
      ],
    ]);
    // No FIELD_APPROXIMATED about a `when` made from the bad endOn: it is left out.
    expect(built.diagnostics.every((d) => d.hint !== undefined)).toBe(true);
  });

  it("keep a valid endOn as Argo's `when`, with only the documented approximation", async () => {
    const text = `name: nightly
version: v1
type: workflow
workspace: shop
workflow:
  schedule:
    cron: '15 2 * * *'
    endOn: 2027-01-01T00:00:00Z
  dag:
${job("one", "      retry: {duration: 30s, maxDuration: '600'}\n")}`;
    const built = await compileMemoryRepo(new Map([["resources/w.yaml", text]]));
    expect(built.diagnostics.map((d) => d.code)).toEqual(["FIELD_APPROXIMATED"]);
    const cron = built.files.find((f) => f.path.includes("cronworkflow-"))!;
    expect(cron.content).toContain('when: "{{= now() < date(\\"2027-01-01T00:00:00Z\\") }}"');
  });
});
