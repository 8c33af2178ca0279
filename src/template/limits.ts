/** Safety limits for one render: output never hangs or exhausts memory. */

export interface TemplateLimits {
  /** Largest output (and largest single string a function may build), in bytes. */
  maxOutputBytes: number;
  /** Total range iterations (and list elements built by until/untilStep/seq). */
  maxRangeIterations: number;
  /** Deepest nesting of template, include and tpl calls. */
  maxRecursionDepth: number;
  /** Total executed nodes and commands. */
  maxSteps: number;
}

export const DEFAULT_LIMITS: TemplateLimits = {
  maxOutputBytes: 8 * 1024 * 1024,
  maxRangeIterations: 1_000_000,
  maxRecursionDepth: 200,
  maxSteps: 10_000_000,
};

/** Fills unset limits with the defaults. */
export function resolveLimits(partial: Partial<TemplateLimits> | undefined): TemplateLimits {
  return { ...DEFAULT_LIMITS, ...partial };
}
