/** The shape of a template function: Go's parameter types, so argument checks match Go's. */
import type { Tree } from "../nodes.js";

/**
 * Go parameter types the engine distinguishes. "value" is reflect.Value (the built-ins take
 * anything, including no value); "any" is interface{}; "map" is map[string]interface{}.
 */
export type ParamType = "any" | "value" | "string" | "int" | "float64" | "bool" | "map" | "semver";

/** Go's spelling of each parameter type, for "wrong type for value; expected …". */
export const PARAM_TYPE_NAMES: Record<ParamType, string> = {
  any: "interface {}",
  value: "reflect.Value",
  string: "string",
  int: "int",
  float64: "float64",
  bool: "bool",
  map: "map[string]interface {}",
  semver: "*semver.Version",
};

/** What a function may ask of the running template (used by include, tpl and limits). */
export interface CallContext {
  /** Renders a named template of the current set with the given dot. */
  includeTemplate(name: string, data: unknown): string;
  /** Parses and renders a string as a template in a copy of the current set. */
  renderString(text: string, data: unknown): string;
  /** Fails with a "limit" error when a value of this many characters would exceed the output limit. */
  checkSize(chars: number): void;
  /** Fails with a "limit" error when this many more elements would exceed the iteration limit. */
  checkIterations(count: number): void;
  /** The caller-supplied functions (for `resolve`). */
  readonly userFuncs: Readonly<Record<string, (...args: unknown[]) => unknown>>;
  readonly trees: ReadonlyMap<string, Tree>;
}

/** One template function, registered by name in the function table. */
export interface FuncDef {
  params: readonly ParamType[];
  /** The element type of a trailing `...` parameter. */
  variadic?: ParamType;
  call(args: unknown[], ctx: CallContext): unknown;
  /** and/or: evaluated lazily by the executor. */
  shortCircuit?: "and" | "or";
}

/** An error a function returns (Go's `error` result); the executor prefixes "error calling NAME: ". */
export class FuncError extends Error {
  constructor(
    message: string,
    readonly refused = false,
  ) {
    super(message);
  }
}

/** A safety limit was hit inside a function. */
export class LimitError extends Error {}
