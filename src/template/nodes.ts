/** The parse tree, mirroring Go's text/template/parse/node.go, and its String() forms. */
import { goQuote } from "./format/quote.js";

export interface TextNode {
  type: "text";
  pos: number;
  text: string;
}
export interface CommentNode {
  type: "comment";
  pos: number;
}
export interface ListNode {
  type: "list";
  pos: number;
  nodes: StatementNode[];
}
export interface ActionNode {
  type: "action";
  pos: number;
  line: number;
  pipe: PipeNode;
}
export interface BranchNode {
  type: "if" | "range" | "with";
  pos: number;
  line: number;
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | null;
}
export interface TemplateNode {
  type: "template";
  pos: number;
  line: number;
  name: string;
  pipe: PipeNode | null;
}
export interface BreakNode {
  type: "break" | "continue";
  pos: number;
  line: number;
}
export type StatementNode =
  TextNode | CommentNode | ActionNode | BranchNode | TemplateNode | BreakNode | ListNode;

export interface PipeNode {
  type: "pipe";
  pos: number;
  line: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
export interface CommandNode {
  type: "command";
  pos: number;
  args: ArgNode[];
}
export interface FieldNode {
  type: "field";
  pos: number;
  ident: string[];
}
export interface VariableNode {
  type: "variable";
  pos: number;
  ident: string[];
}
export interface ChainNode {
  type: "chain";
  pos: number;
  node: ArgNode;
  field: string[];
}
export interface IdentifierNode {
  type: "identifier";
  pos: number;
  ident: string;
}
export interface DotNode {
  type: "dot";
  pos: number;
}
export interface NilNode {
  type: "nil";
  pos: number;
}
export interface BoolNode {
  type: "bool";
  pos: number;
  value: boolean;
}
export interface NumberNode {
  type: "number";
  pos: number;
  text: string;
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  int64: bigint;
  float64: number;
}
export interface StringNode {
  type: "string";
  pos: number;
  quoted: string;
  text: string;
}
export type ArgNode =
  | FieldNode
  | VariableNode
  | ChainNode
  | IdentifierNode
  | DotNode
  | NilNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode;

export type AnyNode = StatementNode | ArgNode | CommandNode;

/** A parsed template tree: one per `define`d name. */
export interface Tree {
  name: string;
  /** The name of the top-level template this tree was parsed in (for error locations). */
  parseName: string;
  text: string;
  root: ListNode;
}

/** Go's Node.String(), used for `<…>` error context. */
export function nodeString(n: AnyNode): string {
  switch (n.type) {
    case "text":
      return n.text;
    case "comment":
      return "{{/* */}}";
    case "list":
      return n.nodes.map(nodeString).join("");
    case "action":
      return "{{" + nodeString(n.pipe) + "}}";
    case "if":
    case "range":
    case "with": {
      let s = `{{${n.type} ${nodeString(n.pipe)}}}${nodeString(n.list)}`;
      if (n.elseList !== null) s += "{{else}}" + nodeString(n.elseList);
      return s + "{{end}}";
    }
    case "template":
      return `{{template ${goQuote(n.name)}${n.pipe !== null ? " " + nodeString(n.pipe) : ""}}}`;
    case "break":
      return "{{break}}";
    case "continue":
      return "{{continue}}";
    case "pipe": {
      let s = "";
      if (n.decl.length > 0) s = n.decl.map(nodeString).join(", ") + " := ";
      return s + n.cmds.map(nodeString).join(" | ");
    }
    case "command":
      return n.args
        .map((a) => (a.type === "pipe" ? "(" + nodeString(a) + ")" : nodeString(a)))
        .join(" ");
    case "field":
      return n.ident.map((i) => "." + i).join("");
    case "variable":
      return n.ident.join(".");
    case "chain":
      return (
        (n.node.type === "pipe" ? "(" + nodeString(n.node) + ")" : nodeString(n.node)) +
        n.field.map((f) => "." + f).join("")
      );
    case "identifier":
      return n.ident;
    case "dot":
      return ".";
    case "nil":
      return "nil";
    case "bool":
      return n.value ? "true" : "false";
    case "number":
      return n.text;
    case "string":
      return n.quoted;
  }
}
