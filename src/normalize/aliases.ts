/**
 * Every alias, deprecated key and documented typo stackyard accepts, by the section it may
 * appear in. Sources: dataos-reference.md §2.3, §3.1, §3.2, §5.2 and the list in §7.
 */
export interface KeyAlias {
  from: string;
  to: string;
  /** Why it is accepted; shown in the warning. */
  why: string;
  /** Accept without a warning: both spellings are documented as correct. */
  silent?: boolean;
}

export type Section =
  "root" | "stack" | "stackConfig" | "runnable" | "secretRef" | "depotSecret" | "secret";

export const KEY_ALIASES: Record<Section, readonly KeyAlias[]> = {
  root: [],
  stack: [{ from: "argument", to: "arguments", why: "`argument` is a typo in the stack docs" }],
  stackConfig: [
    {
      from: "conatinerResourceTemplate",
      to: "containerResourceTemplate",
      why: "`conatinerResourceTemplate` is a typo in the stack docs' skeletons",
    },
  ],
  runnable: [
    { from: "resource", to: "resources", why: "`resource` is a typo in the workflow reference" },
    {
      from: "autoscaling",
      to: "autoScaling",
      why: "`autoscaling` is the Worker reference's spelling",
    },
  ],
  secretRef: [{ from: "allkeys", to: "allKeys", why: "`allkeys` is the depot spelling" }],
  // Depots spell it `allkeys`; runnables spell it `allKeys`. Both are documented.
  depotSecret: [
    { from: "allKeys", to: "allkeys", why: "depot secrets spell it `allkeys`", silent: true },
  ],
  secret: [{ from: "file", to: "files", why: "`file` is a typo in one secret skeleton" }],
};

/** The stack-named spec keys that the docs deprecate in favour of `stackSpec`. */
export const DEPRECATED_STACK_KEYS: readonly string[] = [
  "flare",
  "bento",
  "benthos",
  "beacon",
  "scanner",
  "container",
  "toolbox",
];
