/**
 * The parser: a port of Go 1.19 text/template/parse/parse.go. It produces one Tree per
 * template name (the top-level text plus every `define` and `block`), and reports errors
 * exactly as Go words them: `template: NAME:LINE: message`.
 */
import { TemplateError, lineColumn, type TemplateErrorSubject } from "./errors.js";
import { goQuote, goUnquote } from "./format/quote.js";
import { T, lex, type Item } from "./lexer.js";
import type {
  ArgNode,
  CommandNode,
  ListNode,
  PipeNode,
  StatementNode,
  Tree,
  VariableNode,
} from "./nodes.js";
import { nodeString } from "./nodes.js";
import { newNumber } from "./number-literal.js";

type Endish = { type: "end" | "else"; pos: number; line: number };

function itemString(i: Item): string {
  if (i.typ === T.EOF) return "EOF";
  if (i.typ === T.Error) return i.val;
  if (i.typ > T.Keyword) return `<${i.val}>`;
  if ([...i.val].length > 10) return goQuote([...i.val].slice(0, 10).join("")) + "...";
  return goQuote(i.val);
}

/** True when a tree has nothing but whitespace text and comments (Go's IsEmptyTree). */
export function isEmptyTree(n: StatementNode): boolean {
  switch (n.type) {
    case "comment":
      return true;
    case "list":
      return n.nodes.every(isEmptyTree);
    case "text":
      return n.text.trim() === "" && !/[^ \t\r\n\v\f\u0085\u00a0]/.test(n.text);
    default:
      return false;
  }
}

class ParseFailure {
  constructor(
    readonly message: string,
    readonly pos: number,
    readonly length = 1,
    readonly subject?: TemplateErrorSubject,
  ) {}
}

class Parser {
  private items: Item[];
  private index = 0;
  private token: Item[] = [];
  private peekCount = 0;
  private vars: string[] = ["$"];
  private rangeDepth = 0;
  private actionLine = 0;
  private last: Item;

  constructor(
    private readonly text: string,
    private readonly parseName: string,
    private readonly treeSet: Map<string, Tree>,
    private readonly hasFunction: (name: string) => boolean,
  ) {
    this.items = lex(text);
    this.last = this.items[0] ?? { typ: T.EOF, pos: 0, val: "", line: 1 };
    this.token = [this.last, this.last, this.last];
  }

  private nextItem(): Item {
    const it = this.items[this.index] ?? this.items[this.items.length - 1]!;
    if (this.index < this.items.length - 1) this.index++;
    this.last = it;
    return it;
  }

  private next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.nextItem();
    return this.token[this.peekCount]!;
  }

  private backup(): void {
    this.peekCount++;
  }

  private backup2(t1: Item): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }

  private backup3(t2: Item, t1: Item): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }

  private peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1]!;
    this.peekCount = 1;
    this.token[0] = this.nextItem();
    return this.token[0];
  }

  private nextNonSpace(): Item {
    let t: Item;
    do t = this.next();
    while (t.typ === T.Space);
    return t;
  }

  private peekNonSpace(): Item {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }

  errorf(msg: string): never {
    const tok = this.token[0] ?? this.last;
    throw new ParseFailure(`template: ${this.parseName}:${tok.line}: ${msg}`, tok.pos);
  }

  /**
   * errorf with Go's message (its line is the current token's, as Go's), positioned at the
   * name the error is about, and that name's extent, for callers to underline it.
   */
  private errorAbout(msg: string, at: Item, subject: TemplateErrorSubject): never {
    const tok = this.token[0] ?? this.last;
    throw new ParseFailure(
      `template: ${this.parseName}:${tok.line}: ${msg}`,
      at.pos,
      subject.name.length,
      subject,
    );
  }

  private expect(expected: T, context: string): Item {
    const t = this.nextNonSpace();
    if (t.typ !== expected) this.unexpected(t, context);
    return t;
  }

  private unexpected(token: Item, context: string): never {
    if (token.typ === T.Error) {
      let extra = "";
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.parseName}:${this.actionLine}`;
        if (token.val.endsWith(" action")) extra = extra.slice(" in action".length);
      }
      this.errorf(`${itemString(token)}${extra}`);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`);
  }

  private add(name: string, root: ListNode): void {
    const existing = this.treeSet.get(name);
    if (existing === undefined || isEmptyTree(existing.root)) {
      this.treeSet.set(name, { name, parseName: this.parseName, text: this.text, root });
      return;
    }
    if (!isEmptyTree(root))
      this.errorf(`template: multiple definition of template ${goQuote(name)}`);
  }

  parseTop(name: string): void {
    const root: ListNode = { type: "list", pos: this.peek().pos, nodes: [] };
    while (this.peek().typ !== T.EOF) {
      if (this.peek().typ === T.LeftDelim) {
        const delim = this.next();
        if (this.nextNonSpace().typ === T.Define) {
          this.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if ("type" in n && (n.type === "end" || n.type === "else"))
        this.errorf(`unexpected {{${n.type}}}`);
      root.nodes.push(n as StatementNode);
    }
    this.add(name, root);
  }

  private parseDefinition(): void {
    const context = "define clause";
    const tok = this.nextNonSpace();
    if (tok.typ !== T.String && tok.typ !== T.RawString) this.unexpected(tok, context);
    let name: string;
    try {
      name = goUnquote(tok.val);
    } catch (e) {
      this.errorf((e as Error).message);
    }
    this.expect(T.RightDelim, context);
    const savedVars = this.vars;
    this.vars = ["$"];
    const [list, end] = this.itemList();
    if (end.type !== "end") this.errorf(`unexpected {{${end.type}}} in ${context}`);
    this.vars = savedVars;
    this.add(name, list);
  }

  private itemList(): [ListNode, Endish] {
    const list: ListNode = { type: "list", pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().typ !== T.EOF) {
      const n = this.textOrAction();
      if (n.type === "end" || n.type === "else") return [list, n as Endish];
      list.nodes.push(n as StatementNode);
    }
    this.errorf("unexpected EOF");
  }

  private textOrAction(): StatementNode | Endish {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case T.Text:
        return { type: "text", pos: token.pos, text: token.val };
      case T.LeftDelim: {
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
      default:
        this.unexpected(token, "input");
    }
  }

  private action(): StatementNode | Endish {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case T.Block:
        return this.blockControl();
      case T.Break:
      case T.Continue:
        return this.loopControl(token);
      case T.Else:
        return this.elseControl();
      case T.End:
        return { type: "end", pos: this.expect(T.RightDelim, "end").pos, line: token.line };
      case T.If:
        return this.branch("if", true);
      case T.Range:
        return this.branch("range", false);
      case T.Template:
        return this.templateControl();
      case T.With:
        return this.branch("with", false);
    }
    this.backup();
    const tok = this.peek();
    return {
      type: "action",
      pos: tok.pos,
      line: tok.line,
      pipe: this.pipeline("command", T.RightDelim),
    };
  }

  private loopControl(token: Item): StatementNode {
    const word = token.typ === T.Break ? "break" : "continue";
    const t = this.nextNonSpace();
    if (t.typ !== T.RightDelim) this.unexpected(t, `{{${word}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${word}}} outside {{range}}`);
    return { type: word, pos: token.pos, line: token.line };
  }

  private pipeline(context: string, end: T): PipeNode {
    const token = this.peekNonSpace();
    const pipe: PipeNode = {
      type: "pipe",
      pos: token.pos,
      line: token.line,
      isAssign: false,
      decl: [],
      cmds: [],
    };
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.typ !== T.Variable) break;
      this.next();
      const tokenAfterVariable = this.peek();
      const next = this.peekNonSpace();
      if (next.typ === T.Assign || next.typ === T.Declare) {
        pipe.isAssign = next.typ === T.Assign;
        this.nextNonSpace();
        pipe.decl.push({ type: "variable", pos: v.pos, ident: v.val.split(".") });
        this.vars.push(v.val);
      } else if (next.typ === T.Char && next.val === ",") {
        this.nextNonSpace();
        pipe.decl.push({ type: "variable", pos: v.pos, ident: v.val.split(".") });
        this.vars.push(v.val);
        if (context === "range" && pipe.decl.length < 2) {
          const p = this.peekNonSpace().typ;
          if (p === T.Variable || p === T.RightDelim || p === T.RightParen) continue decls;
          this.errorf("range can only initialize variables");
        }
        this.errorf(`too many declarations in ${context}`);
      } else if (tokenAfterVariable.typ === T.Space) this.backup3(v, tokenAfterVariable);
      else this.backup2(v);
      break;
    }
    for (;;) {
      const token = this.nextNonSpace();
      switch (token.typ) {
        case end:
          this.checkPipeline(pipe, context);
          return pipe;
        case T.Bool:
        case T.CharConstant:
        case T.Complex:
        case T.Dot:
        case T.Field:
        case T.Identifier:
        case T.Number:
        case T.Nil:
        case T.RawString:
        case T.String:
        case T.Variable:
        case T.LeftParen:
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(token, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const t = c.args[0]?.type;
      if (t === "bool" || t === "dot" || t === "nil" || t === "number" || t === "string") {
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  private branch(context: "if" | "range" | "with", allowElseIf: boolean): StatementNode {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, T.RightDelim);
      if (context === "range") this.rangeDepth++;
      const [list, next] = this.itemList();
      if (context === "range") this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.type === "else") {
        if (allowElseIf && this.peek().typ === T.If) {
          this.next();
          elseList = { type: "list", pos: next.pos, nodes: [this.branch("if", true)] };
        } else {
          const [els, end] = this.itemList();
          if (end.type !== "end") this.errorf(`expected end; found {{${end.type}}}`);
          elseList = els;
        }
      }
      return { type: context, pos: pipe.pos, line: pipe.line, pipe, list, elseList };
    } finally {
      this.vars.length = mark;
    }
  }

  private elseControl(): Endish {
    const peek = this.peekNonSpace();
    if (peek.typ === T.If) return { type: "else", pos: peek.pos, line: peek.line };
    const token = this.expect(T.RightDelim, "else");
    return { type: "else", pos: token.pos, line: token.line };
  }

  private templateName(token: Item, context: string): string {
    if (token.typ !== T.String && token.typ !== T.RawString) this.unexpected(token, context);
    try {
      return goUnquote(token.val);
    } catch (e) {
      this.errorf((e as Error).message);
    }
  }

  private blockControl(): StatementNode {
    const context = "block clause";
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    const pipe = this.pipeline(context, T.RightDelim);
    const savedVars = this.vars;
    const savedDepth = this.rangeDepth;
    this.vars = ["$"];
    this.rangeDepth = 0;
    const [list, end] = this.itemList();
    if (end.type !== "end") this.errorf(`unexpected {{${end.type}}} in ${context}`);
    this.vars = savedVars;
    this.rangeDepth = savedDepth;
    this.add(name, list);
    return { type: "template", pos: token.pos, line: token.line, name, pipe };
  }

  private templateControl(): StatementNode {
    const context = "template clause";
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().typ !== T.RightDelim) {
      this.backup();
      pipe = this.pipeline(context, T.RightDelim);
    }
    return { type: "template", pos: token.pos, line: token.line, name, pipe };
  }

  private command(): CommandNode {
    const cmd: CommandNode = { type: "command", pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand !== null) cmd.args.push(operand);
      const token = this.next();
      if (token.typ === T.Space) continue;
      if (token.typ === T.RightDelim || token.typ === T.RightParen) this.backup();
      else if (token.typ !== T.Pipe) this.unexpected(token, "operand");
      break;
    }
    if (cmd.args.length === 0) this.errorf("empty command");
    return cmd;
  }

  private operand(): ArgNode | null {
    const node = this.term();
    if (node === null) return null;
    if (this.peek().typ !== T.Field) return node;
    const pos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().typ === T.Field) fields.push(this.next().val.slice(1));
    switch (node.type) {
      case "field":
        return { type: "field", pos, ident: [...node.ident, ...fields] };
      case "variable":
        return { type: "variable", pos, ident: [...node.ident, ...fields] };
      case "bool":
      case "string":
      case "number":
      case "nil":
      case "dot":
        this.errorf(`unexpected . after term ${goQuote(nodeString(node))}`);
      default:
        return { type: "chain", pos, node, field: fields };
    }
  }

  private term(): ArgNode | null {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case T.Identifier:
        if (!this.hasFunction(token.val))
          this.errorAbout(`function ${goQuote(token.val)} not defined`, token, {
            kind: "function",
            name: token.val,
          });
        return { type: "identifier", pos: token.pos, ident: token.val };
      case T.Dot:
        return { type: "dot", pos: token.pos };
      case T.Nil:
        return { type: "nil", pos: token.pos };
      case T.Variable:
        return this.useVar(token);
      case T.Field:
        return { type: "field", pos: token.pos, ident: token.val.slice(1).split(".") };
      case T.Bool:
        return { type: "bool", pos: token.pos, value: token.val === "true" };
      case T.CharConstant:
      case T.Complex:
      case T.Number:
        try {
          return newNumber(token.pos, token.val, token.typ === T.CharConstant);
        } catch (e) {
          this.errorf((e as Error).message);
        }
      case T.LeftParen:
        return this.pipeline("parenthesized pipeline", T.RightParen);
      case T.String:
      case T.RawString:
        try {
          return { type: "string", pos: token.pos, quoted: token.val, text: goUnquote(token.val) };
        } catch (e) {
          this.errorf((e as Error).message);
        }
    }
    this.backup();
    return null;
  }

  private useVar(token: Item): VariableNode {
    const ident = token.val.split(".");
    const name = ident[0] ?? "";
    if (!this.vars.includes(name))
      this.errorAbout(`undefined variable ${goQuote(name)}`, token, {
        kind: "variable",
        name,
        candidates: [...new Set(this.vars)],
      });
    return { type: "variable", pos: token.pos, ident };
  }
}

/**
 * Parses a template source into its trees (the top level under `name`, plus definitions).
 * Throws TemplateError (kind "parse") with Go's message.
 */
export function parseTrees(
  source: string,
  name: string,
  hasFunction: (name: string) => boolean,
  into: Map<string, Tree> = new Map(),
): Map<string, Tree> {
  const fresh = new Map<string, Tree>();
  const parser = new Parser(source, name, fresh, hasFunction);
  try {
    parser.parseTop(name);
  } catch (e) {
    if (e instanceof ParseFailure) {
      const { line, column } = lineColumn(source, e.pos);
      throw new TemplateError(e.message, {
        kind: "parse",
        templateName: name,
        line,
        column,
        offset: e.pos,
        length: e.length,
        ...(e.subject === undefined ? {} : { subject: e.subject }),
      });
    }
    throw e;
  }
  // Go's Template.associate: a new empty definition never replaces an existing one.
  for (const [n, tree] of fresh) {
    const old = into.get(n);
    if (old === undefined || !isEmptyTree(tree.root)) into.set(n, tree);
  }
  return into;
}
