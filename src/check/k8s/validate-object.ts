/**
 * Validates objects against the Kubernetes OpenAPI (`kubernetes-models`), the Argo, Argo CD
 * and Flux CRDs (`@kubernetes-models/*`), and hand-written schemas for the CRDs without a
 * model package, refusing unknown fields.
 *
 * The models' validators are ajv code generated from the OpenAPI, which does not say
 * `additionalProperties: false`, so on their own they accept any misspelled field. Strictness
 * comes from how that generated code works: it reads every property its schema declares
 * (`data.spec`, `data.replicas`, …) and, for map-like schemas (`labels`, `data`), enumerates the
 * keys and reads each value. So the object is validated through a Proxy that records every
 * property read at every path; an own property that the validator never read is a property
 * the schema does not know. (A schema-less, free-form field reads as unknown too; none of the
 * kinds we emit has one where we write nested data.)
 *
 * The recording costs: every property read goes through a Proxy trap (about 1.3 s of a cold
 * build of the 10,000-resource bench repository, in a profile). But for most kinds, which
 * properties the validator reads depends on the object's shape alone — its keys and the JSON
 * types of its values — and not on the values (SHAPE_DETERMINED_MODELS says which, and why).
 * Objects of one kind and shape then have the same unknown fields, so the recording is done
 * once per shape: the next object of that shape is validated on the plain data, and its
 * unknown fields are the recorded ones.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { CRD_AJV_OPTIONS, CRD_SCHEMAS } from "./crd-schemas.js";
import { loadedModel, MODEL_LOADERS, type ModelClass } from "./models.js";
import { SHAPE_DETERMINED_MODELS } from "./shape-determined-models.js";
import { STANDALONE_CRD_VALIDATORS } from "./standalone-crd-validators.js";

/** A JSON path into an object: keys and array indexes. */
export type ObjectPath = ReadonlyArray<string | number>;

/** One problem of an object: a schema violation, an unknown field, or a kind without schema. */
export interface SchemaProblem {
  kind: "schema" | "unknown-field" | "no-schema";
  path: ObjectPath;
  message: string;
}

let crdAjv: Ajv | undefined;
const compiledCrds = new Map<string, ValidateFunction>();

/**
 * The validator of a hand-written CRD schema: the bundle's precompiled one, or (run from
 * source) compiled now, once per kind, so a run pays only for the kinds it emits.
 */
function crdValidator(key: string): ValidateFunction | undefined {
  const known = STANDALONE_CRD_VALIDATORS.get(key) ?? compiledCrds.get(key);
  if (known !== undefined || !Object.hasOwn(CRD_SCHEMAS, key)) return known;
  crdAjv ??= new Ajv(CRD_AJV_OPTIONS);
  const compiled = crdAjv.compile(CRD_SCHEMAS[key]!);
  compiledCrds.set(key, compiled);
  return compiled;
}

/** True when stackyard has a schema for `apiVersion/kind`. */
export function hasSchema(apiVersion: string, kind: string): boolean {
  const key = `${apiVersion}/${kind}`;
  return key in MODEL_LOADERS || key in CRD_SCHEMAS;
}

/**
 * Every problem of an object; empty when it is valid. The model of its kind must be loaded
 * (`loadSchemas` in models.ts) first.
 */
export function schemaProblems(
  object: { apiVersion: string; kind: string },
  /** `byShape: false` records every object's reads (the reference the tests compare with). */
  options: { byShape?: boolean } = {},
): SchemaProblem[] {
  const key = `${object.apiVersion}/${object.kind}`;
  const crd = crdValidator(key);
  if (crd !== undefined) return crd(object) ? [] : problemsOf(crd.errors ?? []);
  const model = loadedModel(key);
  if (model === undefined && Object.hasOwn(MODEL_LOADERS, key))
    throw new Error(`the model of ${key} is not loaded: call loadSchemas before validating`);
  if (model === undefined) {
    return [
      {
        kind: "no-schema",
        path: [],
        message: `stackyard has no schema for ${key}; it is not validated`,
      },
    ];
  }
  // Flux strips the `sops` block when it decrypts; it is not part of the Secret in the cluster.
  const data = key === "v1/Secret" ? withoutKey(object, "sops") : object;
  const shapeId =
    options.byShape !== false && SHAPE_DETERMINED_MODELS.has(key) ? shapeOf(data) : undefined;
  const shape = shapeId === undefined ? undefined : `${key}\n${shapeId}`;
  const known = shape === undefined ? undefined : unknownByShape.get(shape);
  if (known !== undefined) {
    const errors = schemaErrors(model, data);
    return errors ?? copied(known);
  }
  const tracker = readTracker();
  const errors = schemaErrors(model, tracker.view(data));
  if (errors !== undefined) return errors;
  const unknown = unknownFields(data, tracker.read);
  if (shape !== undefined) unknownByShape.set(shape, copied(unknown));
  return unknown;
}

/** Problems the caller may change without changing the remembered ones. */
function copied(problems: readonly SchemaProblem[]): SchemaProblem[] {
  return problems.map((p) => ({ ...p, path: [...p.path] }));
}

/** The model's schema violations of `data` (a plain object or a view of one), if any. */
function schemaErrors(model: ModelClass, data: unknown): SchemaProblem[] | undefined {
  try {
    model.prototype.validate.call(data);
    return undefined;
  } catch (error) {
    const errors = (error as { errors?: ErrorObject[] }).errors;
    if (errors === undefined) throw error;
    return problemsOf(errors);
  }
}

/**
 * `apiVersion/kind` and shape (see shapeOf) → the unknown fields of a valid object of that
 * kind and shape. Bounded by the shapes' trie (see MAX_SHAPE_NODES).
 */
const unknownByShape = new Map<string, readonly SchemaProblem[]>();

/**
 * A node of the trie of shapes: the shape of an object's first keys (with their values'
 * shapes), or of an array's first items. Objects and arrays start at their own root, so an
 * id names one sequence of one of the two. Scalars' shapes are the ids below FIRST_NODE_ID.
 */
class ShapeNode {
  readonly id = nextShapeId++;
  /** key (an array item's is "") → the shape of its value → the node after that entry. */
  private next: Map<string, Map<number, ShapeNode>> | undefined;
  /** The last transition taken, which is nearly always the one asked for next. */
  private lastKey = "";
  private lastChild = -1;
  private lastNode: ShapeNode | undefined;

  /** The node after an entry of this key and value shape; undefined past MAX_SHAPE_NODES. */
  after(key: string, child: number): ShapeNode | undefined {
    if (this.lastChild === child && this.lastKey === key) return this.lastNode;
    this.next ??= new Map();
    let byChild = this.next.get(key);
    if (byChild === undefined) {
      byChild = new Map();
      this.next.set(key, byChild);
    }
    let node = byChild.get(child);
    if (node === undefined) {
      if (nextShapeId >= MAX_SHAPE_NODES) return undefined;
      node = new ShapeNode();
      byChild.set(child, node);
    }
    this.lastKey = key;
    this.lastChild = child;
    this.lastNode = node;
    return node;
  }
}

const SCALAR_SHAPES: Readonly<Record<string, number>> = {
  string: 1,
  number: 2,
  boolean: 3,
  bigint: 4,
  symbol: 5,
  undefined: 6,
  function: 7,
};
const NULL_SHAPE = 0;
const FIRST_NODE_ID = 8;
/**
 * Past this many nodes (a long-running `--watch` over generated names), shapeOf answers
 * undefined and objects are recorded as before, never remembered (a few tens of MB at most;
 * the bench repository's objects, 21 shapes, need 335).
 */
const MAX_SHAPE_NODES = 1 << 18;
let nextShapeId = FIRST_NODE_ID;
const OBJECT_ROOT = new ShapeNode();
const ARRAY_ROOT = new ShapeNode();

/**
 * The shape of a JSON value: its keys, in their order, and the JSON type of each value,
 * recursively; array items each by position. Two values of one shape differ only in their
 * scalars' values, and have the same number here (for the life of the process). Undefined
 * once the shapes seen are too many to remember (MAX_SHAPE_NODES).
 *
 * A number from a trie, not a text of the keys: an object's text was a few kilobytes, built
 * and then hashed for every object, where the trie's lookups are by keys whose hashes V8
 * keeps.
 */
export function shapeOf(value: unknown): number | undefined {
  if (value === null) return NULL_SHAPE;
  if (typeof value !== "object") return SCALAR_SHAPES[typeof value]!;
  let node: ShapeNode | undefined;
  if (Array.isArray(value)) {
    node = ARRAY_ROOT;
    for (let i = 0; i < value.length && node !== undefined; i++) {
      const child = shapeOf(value[i]);
      node = child === undefined ? undefined : node.after("", child);
    }
  } else {
    node = OBJECT_ROOT;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const child = shapeOf(record[key]);
      node = child === undefined ? undefined : node.after(key, child);
      if (node === undefined) break;
    }
  }
  return node?.id;
}

/**
 * ajv's errors as problems, one per mistake: a value that matches no branch of a `oneOf` or
 * `anyOf` is reported by each branch and then by the combinator (`cpu: lots` failed "must be
 * number", "must match format \"quantity\"" and "must match exactly one schema"). The
 * branches' errors at the value itself, which come right before the combinator's (the models'
 * generated code gives them schema paths relative to a referenced schema, so those cannot
 * tell), are folded into it.
 */
function problemsOf(errors: readonly ErrorObject[]): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  const pending: ErrorObject[] = [];
  const flush = () => out.push(...pending.splice(0).map(fromAjvError));
  for (const e of errors) {
    if (pending.length > 0 && pending[0]!.instancePath !== e.instancePath) flush();
    if ((e.keyword === "oneOf" || e.keyword === "anyOf") && pending.length > 0) {
      out.push({ ...fromAjvError(e), message: oneOf(pending.splice(0)) });
      continue;
    }
    pending.push(e);
  }
  flush();
  return out;
}

/** What a value that matched no branch should have been. */
function oneOf(branches: readonly ErrorObject[]): string {
  const formats = branches
    .filter((b) => b.keyword === "format")
    .map((b) => (b.params as { format: string }).format);
  if (formats.includes("quantity")) {
    return 'must be a quantity: a number, or a string such as "500m", "2", "1.5" or "512Mi"';
  }
  const said = [...new Set(branches.map((b) => b.message ?? b.keyword))];
  return said.join(", or ");
}

function fromAjvError(e: ErrorObject): SchemaProblem {
  const path = e.instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  if (e.keyword === "additionalProperties") {
    const extra = (e.params as { additionalProperty: string }).additionalProperty;
    return {
      kind: "unknown-field",
      path: [...path, extra],
      message: `${extra} is not a known field`,
    };
  }
  return { kind: "schema", path, message: e.message ?? e.keyword };
}

/**
 * Read-only views that record, per object, which properties were read. One proxy per object
 * and one handler for all (the validator reads most properties more than once); arrays are
 * viewed but not recorded, since every element of an array is data, never an unknown field.
 */
function readTracker(): { view(value: unknown): unknown; read: Map<object, Set<PropertyKey>> } {
  const read = new Map<object, Set<PropertyKey>>();
  const views = new Map<object, object>();
  const handler: ProxyHandler<object> = {
    get(target, key) {
      read.get(target)?.add(key);
      return view((target as Record<PropertyKey, unknown>)[key]);
    },
  };
  function view(value: unknown): unknown {
    if (value === null || typeof value !== "object") return value;
    let proxy = views.get(value);
    if (proxy === undefined) {
      if (!Array.isArray(value)) read.set(value, new Set());
      proxy = new Proxy(value, handler);
      views.set(value, proxy);
    }
    return proxy;
  }
  return { view, read };
}

/** Every own property the validator never read, depth first, in key order. */
function unknownFields(root: unknown, read: Map<object, Set<PropertyKey>>): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const path: Array<string | number> = [];
  const walk = (value: unknown): void => {
    if (value === null || typeof value !== "object") return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        path.push(i);
        walk(item);
        path.pop();
      });
      return;
    }
    const seen = read.get(value);
    for (const [key, child] of Object.entries(value)) {
      if (seen?.has(key)) {
        path.push(key);
        walk(child);
        path.pop();
      } else {
        problems.push({
          kind: "unknown-field",
          path: [...path, key],
          message: `${key} is not a known field`,
        });
      }
    }
  };
  walk(root);
  return problems;
}

function withoutKey<T extends object>(object: T, key: string): T {
  const copy = { ...object } as Record<string, unknown>;
  delete copy[key];
  return copy as T;
}
