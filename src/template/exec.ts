/**
 * The executor: a port of Go 1.19 text/template/exec.go over the data model in values.ts.
 * Error messages follow Go's wording; every error carries the node it happened at.
 */
import {
  TemplateError,
  goLocation,
  internalTemplateError,
  lineColumn,
  wholeTemplateError,
} from "./errors.js";
import { formatValue, sprint } from "./format/fmt.js";
import { goQuote } from "./format/quote.js";
import { FuncError, LimitError, PARAM_TYPE_NAMES } from "./functions/types.js";
import type { CallContext, FuncDef, ParamType } from "./functions/types.js";
import type { TemplateLimits } from "./limits.js";
import type {
  AnyNode,
  ArgNode,
  BranchNode,
  ChainNode,
  CommandNode,
  FieldNode,
  IdentifierNode,
  NumberNode,
  PipeNode,
  StatementNode,
  TemplateNode,
  Tree,
  VariableNode,
} from "./nodes.js";
import { nodeString } from "./nodes.js";
import { GoStruct, goFloat, goInt, goTypeName, isTrue, kindOf, sortedKeys } from "./values.js";

/** A value held in an interface{} slot (map element, slice element): Go types it "interface {}". */
class Iface {
  constructor(readonly v: unknown) {}
}

const MISSING = Symbol("missing");
type Final = unknown | typeof MISSING;

const BREAK = Symbol("break");
const CONTINUE = Symbol("continue");

function unbox(v: unknown): unknown {
  return v instanceof Iface ? v.v : v;
}

/** The Go type of a value as reflect sees it where it is held. */
function heldType(v: unknown): string {
  return v instanceof Iface ? "interface {}" : goTypeName(v);
}

function boxIfInterfaceContainer(container: unknown, elem: unknown): unknown {
  const t = goTypeName(container);
  return t === "[]interface {}" || t === "map[string]interface {}" ? new Iface(elem) : elem;
}

export type MissingKey = "default" | "zero" | "error";

/** Everything one render shares across templates, include and tpl. */
export interface Run {
  trees: Map<string, Tree>;
  funcs: ReadonlyMap<string, FuncDef>;
  userFuncs: Readonly<Record<string, (...args: unknown[]) => unknown>>;
  limits: TemplateLimits;
  missingKey: MissingKey;
  steps: number;
  iterations: number;
  outputChars: number;
  depth: number;
  /** Parses text into a copy of the trees (for tpl). */
  parseInto(text: string, name: string, trees: Map<string, Tree>): Map<string, Tree>;
}

class ExecFailure {
  constructor(
    readonly message: string,
    readonly kind: "exec" | "limit" | "refused",
    readonly node: AnyNode | null,
    readonly tree: Tree,
    readonly tmplName: string,
  ) {}
}

interface Variable {
  name: string;
  value: unknown;
}

/** Executes one template tree, writing into `out`. */
class State {
  out = "";
  node: AnyNode | null = null;
  vars: Variable[];

  constructor(
    readonly run: Run,
    readonly tree: Tree,
    readonly name: string,
    dot: unknown,
  ) {
    this.vars = [{ name: "$", value: dot }];
  }

  fail(message: string, kind: "exec" | "limit" | "refused" = "exec"): never {
    throw new ExecFailure(message, kind, this.node, this.tree, this.name);
  }

  write(s: string): void {
    this.out += s;
    this.run.outputChars += s.length;
    // Characters bound bytes from below (1-3 bytes each); count exactly only near the limit.
    const max = this.run.limits.maxOutputBytes;
    if (
      this.run.outputChars * 3 > max &&
      (this.run.outputChars > max || Buffer.byteLength(this.out, "utf8") > max)
    ) {
      this.fail(`limit exceeded: output is larger than ${max} bytes`, "limit");
    }
  }

  step(): void {
    if (++this.run.steps > this.run.limits.maxSteps) {
      this.fail(`limit exceeded: more than ${this.run.limits.maxSteps} execution steps`, "limit");
    }
  }

  varValue(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--)
      if (this.vars[i]!.name === name) return this.vars[i]!.value;
    this.fail(`undefined variable: ${name}`);
  }

  setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        return;
      }
    }
    this.fail(`undefined variable: ${name}`);
  }

  walk(dot: unknown, node: StatementNode): void {
    this.node = node;
    this.step();
    switch (node.type) {
      case "action": {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return;
      }
      case "break":
        throw BREAK;
      case "continue":
        throw CONTINUE;
      case "comment":
        return;
      case "if":
      case "with":
        this.walkIfOrWith(dot, node);
        return;
      case "list":
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case "range":
        this.walkRange(dot, node);
        return;
      case "template":
        this.walkTemplate(dot, node);
        return;
      case "text":
        this.write(node.text);
        return;
    }
  }

  walkIfOrWith(dot: unknown, node: BranchNode): void {
    const mark = this.vars.length;
    try {
      const val = this.evalPipeline(dot, node.pipe);
      if (isTrue(val)) this.walk(node.type === "with" ? val : dot, node.list);
      else if (node.elseList !== null) this.walk(dot, node.elseList);
    } finally {
      this.vars.length = mark;
    }
  }

  walkRange(dot: unknown, r: BranchNode): void {
    this.node = r;
    const outerMark = this.vars.length;
    try {
      const val = unbox(this.evalPipeline(dot, r.pipe));
      const mark = this.vars.length;
      const one = (index: unknown, elem: unknown): boolean => {
        if (++this.run.iterations > this.run.limits.maxRangeIterations) {
          this.node = r;
          this.fail(
            `limit exceeded: more than ${this.run.limits.maxRangeIterations} range iterations`,
            "limit",
          );
        }
        if (r.pipe.decl.length > 0) this.vars[this.vars.length - 1]!.value = elem;
        if (r.pipe.decl.length > 1) this.vars[this.vars.length - 2]!.value = index;
        try {
          this.walk(elem, r.list);
        } catch (e) {
          if (e === BREAK) return false;
          if (e !== CONTINUE) throw e;
        } finally {
          this.vars.length = mark;
        }
        return true;
      };
      const kind = kindOf(val);
      if (kind === "slice") {
        const a = val as unknown[];
        if (a.length > 0) {
          for (let i = 0; i < a.length; i++) if (!one(i, boxIfInterfaceContainer(a, a[i]))) break;
          return;
        }
      } else if (kind === "map") {
        const m = val as Map<string, unknown>;
        if (m.size > 0) {
          for (const k of sortedKeys(m)) if (!one(k, boxIfInterfaceContainer(m, m.get(k)))) break;
          return;
        }
      } else if (kind !== "invalid") {
        this.fail(`range can't iterate over ${formatValue(val)}`);
      }
      if (r.elseList !== null) this.walk(dot, r.elseList);
    } finally {
      this.vars.length = outerMark;
    }
  }

  walkTemplate(dot: unknown, t: TemplateNode): void {
    this.node = t;
    const tree = this.run.trees.get(t.name);
    if (tree === undefined) this.fail(`template ${goQuote(t.name)} not defined`);
    if (this.run.depth >= this.run.limits.maxRecursionDepth) {
      this.fail(
        `limit exceeded: template calls nested deeper than ${this.run.limits.maxRecursionDepth}`,
        "limit",
      );
    }
    const newDot = t.pipe === null ? undefined : unbox(this.evalPipeline(dot, t.pipe));
    this.write(this.runTree(tree, t.name, newDot));
  }

  /** Executes another tree with a fresh variable stack (template, include, tpl). */
  runTree(tree: Tree, name: string, dot: unknown): string {
    this.run.depth++;
    try {
      const s = new State(this.run, tree, name, dot);
      s.walk(dot, tree.root);
      return s.out;
    } finally {
      this.run.depth--;
    }
  }

  evalPipeline(dot: unknown, pipe: PipeNode): unknown {
    this.node = pipe;
    let value: unknown = MISSING;
    for (const cmd of pipe.cmds) {
      value = unbox(this.evalCommand(dot, cmd, value));
    }
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0]!, value);
      else this.vars.push({ name: v.ident[0]!, value });
    }
    return value;
  }

  notAFunction(args: readonly ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING)
      this.fail(`can't give argument to non-function ${nodeString(args[0]!)}`);
  }

  evalCommand(dot: unknown, cmd: CommandNode, final: Final): unknown {
    this.step();
    const first = cmd.args[0]!;
    switch (first.type) {
      case "field":
        return this.evalFieldNode(dot, first, cmd.args, final);
      case "chain":
        return this.evalChainNode(dot, first, cmd.args, final);
      case "identifier":
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case "pipe":
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case "variable":
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.node = first;
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case "bool":
        return first.value;
      case "dot":
        return dot;
      case "nil":
        this.fail("nil is not a command");
      case "number":
        return this.idealConstant(first);
      case "string":
        return first.text;
    }
  }

  idealConstant(c: NumberNode): unknown {
    this.node = c;
    const isHexInt = /^0[xX]/.test(c.text) && !/[pP]/.test(c.text);
    if (c.isFloat && !isHexInt && c.text[0] !== "'" && /[.eEpP]/.test(c.text))
      return goFloat(c.float64);
    if (c.isInt) return goInt(c.int64);
    if (c.isUint) this.fail(`${c.text} overflows int`);
    return undefined;
  }

  evalFieldNode(dot: unknown, field: FieldNode, args: readonly ArgNode[], final: Final): unknown {
    this.node = field;
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  evalChainNode(dot: unknown, chain: ChainNode, args: readonly ArgNode[], final: Final): unknown {
    this.node = chain;
    if (chain.node.type === "nil")
      this.fail(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, "value", chain.node);
    return this.evalFieldChain(dot, pipe, chain, chain.field, args, final);
  }

  evalVariableNode(
    dot: unknown,
    v: VariableNode,
    args: readonly ArgNode[] | null,
    final: Final,
  ): unknown {
    this.node = v;
    const value = this.varValue(v.ident[0]!);
    if (v.ident.length === 1) {
      if (args !== null) this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args ?? [], final);
  }

  evalFieldChain(
    dot: unknown,
    receiver: unknown,
    node: AnyNode,
    ident: readonly string[],
    args: readonly ArgNode[],
    final: Final,
  ): unknown {
    const n = ident.length;
    for (let i = 0; i < n - 1; i++)
      receiver = this.evalField(dot, ident[i]!, node, [], MISSING, receiver);
    return this.evalField(dot, ident[n - 1]!, node, args, final, receiver);
  }

  evalField(
    dot: unknown,
    fieldName: string,
    node: AnyNode,
    args: readonly ArgNode[],
    final: Final,
    receiver: unknown,
  ): unknown {
    // Like Go, no s.at(node) here: errors point at the last node evaluated (in a chain, the
    // last argument of the parenthesized pipeline).
    if (receiver === undefined || receiver === null) {
      if (this.run.missingKey === "error")
        this.fail(`nil data; no entry for key ${goQuote(fieldName)}`);
      return undefined;
    }
    const typ = heldType(receiver);
    const value = unbox(receiver);
    if (value === null || value === undefined)
      this.fail(`nil pointer evaluating ${typ}.${fieldName}`);
    const hasArgs = args.length > 1 || final !== MISSING;
    if (value instanceof Map) {
      if (hasArgs) this.fail(`${fieldName} is not a method but has arguments`);
      if (value.has(fieldName)) return boxIfInterfaceContainer(value, value.get(fieldName));
      switch (this.run.missingKey) {
        case "zero":
          return goTypeName(value) === "map[string]string" ? "" : new Iface(null);
        case "error":
          this.fail(`map has no entry for key ${goQuote(fieldName)}`);
        default:
          return undefined;
      }
    }
    const method = value instanceof GoStruct ? value.methods?.get(fieldName) : undefined;
    if (method !== undefined) return this.evalCall(dot, method, node, fieldName, args, final);
    if (value instanceof GoStruct && value.unexported.includes(fieldName))
      this.fail(`${fieldName} is an unexported field of struct type ${typ}`);
    if (value instanceof GoStruct && value.fields.has(fieldName)) {
      if (hasArgs) this.fail(`${fieldName} has arguments but cannot be invoked as function`);
      return value.fields.get(fieldName);
    }
    this.fail(`can't evaluate field ${fieldName} in type ${typ}`);
  }

  evalFunction(
    dot: unknown,
    node: IdentifierNode,
    cmd: AnyNode,
    args: readonly ArgNode[],
    final: Final,
  ): unknown {
    this.node = node;
    const fn = this.run.funcs.get(node.ident);
    if (fn === undefined) this.fail(`${goQuote(node.ident)} is not a defined function`);
    return this.evalCall(dot, fn, cmd, node.ident, args, final);
  }

  evalCall(
    dot: unknown,
    fn: FuncDef,
    node: AnyNode,
    name: string,
    argNodes: readonly ArgNode[],
    final: Final,
  ): unknown {
    const args = argNodes.slice(1);
    const numIn = args.length + (final !== MISSING ? 1 : 0);
    let numFixed = args.length;
    if (fn.variadic !== undefined) {
      numFixed = fn.params.length;
      if (numIn < numFixed)
        this.fail(`wrong number of args for ${name}: want at least ${numFixed} got ${args.length}`);
    } else if (numIn !== fn.params.length) {
      this.fail(`wrong number of args for ${name}: want ${fn.params.length} got ${numIn}`);
    }
    if (fn.shortCircuit !== undefined) return this.evalAndOr(dot, fn.shortCircuit, args, final);
    const argv: unknown[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++)
      argv.push(this.evalArg(dot, fn.params[i]!, args[i]!));
    if (fn.variadic !== undefined)
      for (; i < args.length; i++) argv.push(this.evalArg(dot, fn.variadic, args[i]!));
    if (final !== MISSING) {
      let t: ParamType;
      if (fn.variadic !== undefined) t = numIn - 1 < numFixed ? fn.params[numIn - 1]! : fn.variadic;
      else t = fn.params[fn.params.length - 1]!;
      argv.push(this.validateType(final, t));
    }
    return this.callSafely(fn, argv, node, name);
  }

  callSafely(fn: FuncDef, argv: unknown[], node: AnyNode, name: string): unknown {
    try {
      const result = fn.call(argv, this.callContext());
      // Any function can build a string (print, cat, join…): bound them all, not only the
      // ones that check sizes themselves, before a doubling loop reaches gigabytes.
      const max = this.run.limits.maxOutputBytes;
      if (typeof result === "string" && result.length > max)
        throw new LimitError(`limit exceeded: result is larger than ${max} bytes`);
      return result === null ? undefined : result;
    } catch (e) {
      if (e instanceof ExecFailure) throw e;
      this.node = node;
      if (e instanceof LimitError) this.fail(`error calling ${name}: ${e.message}`, "limit");
      if (e instanceof FuncError)
        this.fail(`error calling ${name}: ${e.message}`, e.refused ? "refused" : "exec");
      if (e instanceof TemplateError)
        this.fail(`error calling ${name}: ${e.message}`, e.kind === "parse" ? "exec" : e.kind);
      this.fail(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  evalAndOr(dot: unknown, which: "and" | "or", args: readonly ArgNode[], final: Final): unknown {
    let v: unknown = undefined;
    for (const arg of args) {
      v = unbox(this.evalArg(dot, "value", arg));
      if (isTrue(v) === (which === "or")) return v;
    }
    if (final !== MISSING) v = final;
    return v;
  }

  validateType(value: unknown, typ: ParamType): unknown {
    if (value === undefined || value === null) {
      if (typ === "any" || typ === "map" || typ === "semver") return null;
      if (typ === "value") return undefined;
      this.fail(`invalid value; expected ${PARAM_TYPE_NAMES[typ]}`);
    }
    if (typ === "value" || typ === "any") return unbox(value);
    const v = unbox(value);
    const actual = goTypeName(v);
    if (actual === PARAM_TYPE_NAMES[typ] && v !== null && v !== undefined) return v;
    this.fail(
      `wrong type for value; expected ${PARAM_TYPE_NAMES[typ]}; got ${v === null ? "interface {}" : actual}`,
    );
  }

  evalArg(dot: unknown, typ: ParamType, n: ArgNode): unknown {
    this.node = n;
    switch (n.type) {
      case "dot":
        return this.validateType(dot, typ);
      case "nil":
        if (typ === "any" || typ === "map" || typ === "semver") return null;
        if (typ === "value") return undefined;
        this.fail(`cannot assign nil to ${PARAM_TYPE_NAMES[typ]}`);
      case "field":
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), typ);
      case "variable":
        return this.validateType(this.evalVariableNode(dot, n, null, MISSING), typ);
      case "pipe":
        return this.validateType(this.evalPipeline(dot, n), typ);
      case "identifier":
        return this.validateType(this.evalFunction(dot, n, n, [n], MISSING), typ);
      case "chain":
        return this.validateType(this.evalChainNode(dot, n, [], MISSING), typ);
    }
    switch (typ) {
      case "bool":
        if (n.type === "bool") return n.value;
        this.fail(`expected bool; found ${nodeString(n)}`);
      case "float64":
        if (n.type === "number" && n.isFloat) return goFloat(n.float64);
        this.fail(`expected float; found ${nodeString(n)}`);
      case "int":
        if (n.type === "number" && n.isInt) return goInt(n.int64);
        this.fail(`expected integer; found ${nodeString(n)}`);
      case "string":
        if (n.type === "string") return n.text;
        this.fail(`expected string; found ${nodeString(n)}`);
      case "any":
      case "value":
        if (n.type === "bool") return n.value;
        if (n.type === "number") return this.idealConstant(n);
        return n.text;
      case "map":
      case "semver":
        this.fail(`can't handle ${nodeString(n)} for arg of type ${PARAM_TYPE_NAMES[typ]}`);
    }
  }

  printValue(node: AnyNode, v: unknown): void {
    this.node = node;
    v = unbox(v);
    if (v === undefined || v === null) {
      this.write("<no value>");
      return;
    }
    if (typeof v === "function")
      this.fail(`can't print ${nodeString(node)} of type ${goTypeName(v)}`);
    this.write(typeof v === "string" ? v : sprint([v]));
  }

  callContext(): CallContext {
    const run = this.run;
    return {
      includeTemplate: (name, data) => {
        const tree = run.trees.get(name);
        if (tree === undefined)
          throw new FuncError(
            `template: no template ${goQuote(name)} associated with template ${goQuote(this.rootName())}`,
          );
        this.checkDepth();
        return this.nested(() => this.runTree(tree, name, data));
      },
      renderString: (text, data) => {
        this.checkDepth();
        const trees = run.parseInto(text, this.rootName(), new Map(run.trees));
        const saved = run.trees;
        run.trees = trees;
        try {
          return this.nested(() =>
            this.runTree(trees.get(this.rootName())!, this.rootName(), data),
          );
        } finally {
          run.trees = saved;
        }
      },
      checkSize: (chars) => {
        if (chars > run.limits.maxOutputBytes)
          throw new LimitError(
            `limit exceeded: result is larger than ${run.limits.maxOutputBytes} bytes`,
          );
      },
      checkIterations: (count) => {
        if (count > run.limits.maxRangeIterations)
          throw new LimitError(
            `limit exceeded: more than ${run.limits.maxRangeIterations} elements`,
          );
      },
      userFuncs: run.userFuncs,
      trees: run.trees,
    };
  }

  /** Runs a nested render; its failure becomes a TemplateError the calling function can wrap. */
  nested(render: () => string): string {
    try {
      return render();
    } catch (e) {
      if (e instanceof ExecFailure) throw toTemplateError(e);
      throw e;
    }
  }

  rootName(): string {
    return this.tree.parseName;
  }

  checkDepth(): void {
    if (this.run.depth >= this.run.limits.maxRecursionDepth) {
      throw new LimitError(
        `limit exceeded: template calls nested deeper than ${this.run.limits.maxRecursionDepth}`,
      );
    }
  }
}

/** Converts an internal failure into the public TemplateError with Go's message format. */
function toTemplateError(f: ExecFailure): TemplateError {
  const node = f.node;
  if (node === null) {
    return wholeTemplateError(f.kind, f.tmplName, f.message);
  }
  const { line, byteCol } = goLocation(f.tree.text, node.pos);
  const context = nodeString(node);
  const msg = `template: ${f.tree.parseName}:${line}:${byteCol}: executing ${goQuote(f.tmplName)} at <${context}>: ${f.message}`;
  const lc = lineColumn(f.tree.text, node.pos);
  const init = {
    kind: f.kind,
    templateName: f.tree.parseName,
    line: lc.line,
    column: lc.column,
    offset: node.pos,
  };
  const isData = node.type === "field" || node.type === "variable" || node.type === "chain";
  return new TemplateError(msg, isData ? { ...init, dataPath: context } : init);
}

/** Executes the named tree of a run; throws TemplateError. */
export function executeRun(run: Run, name: string, data: unknown): string {
  const tree = run.trees.get(name);
  if (tree === undefined) {
    throw wholeTemplateError("exec", name, `${goQuote(name)} is an incomplete or empty template`);
  }
  const state = new State(run, tree, name, data);
  try {
    state.walk(data, tree.root);
    return state.out;
  } catch (e) {
    if (e instanceof ExecFailure) throw toTemplateError(e);
    if (e instanceof TemplateError) throw e;
    if (e instanceof RangeError)
      throw wholeTemplateError("limit", name, `limit exceeded: ${e.message}`);
    throw internalTemplateError(name, e);
  }
}
