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
  const shape =
    options.byShape !== false && SHAPE_DETERMINED_MODELS.has(key)
      ? `${key}\n${shapeOf(data)}`
      : undefined;
  const known = shape === undefined ? undefined : unknownByShape.get(shape);
  if (known !== undefined) {
    const errors = schemaErrors(model, data);
    return errors ?? copied(known);
  }
  const tracker = readTracker();
  const errors = schemaErrors(model, tracker.view(data));
  if (errors !== undefined) return errors;
  const unknown = unknownFields(data, tracker.read);
  if (shape !== undefined) remember(shape, copied(unknown));
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
 * kind and shape. Bounded: in a repository of very many shapes (a long-running `--watch` over
 * generated names), objects past the bound are recorded as before, and never remembered.
 */
const unknownByShape = new Map<string, readonly SchemaProblem[]>();
const MAX_SHAPE_CHARS = 32 * 1024 * 1024;
let shapeChars = 0;

function remember(shape: string, unknown: readonly SchemaProblem[]): void {
  if (shapeChars + shape.length > MAX_SHAPE_CHARS) return;
  shapeChars += shape.length;
  unknownByShape.set(shape, unknown);
}

/**
 * The shape of a JSON value: its keys, in their order, and the JSON type of each value,
 * recursively; array items each by position. Two values of one shape differ only in their
 * scalars' values. A key is written `"key"`, or `'<length>:key` when it holds a `"`, so no key
 * reads as another's.
 */
export function shapeOf(value: unknown): string {
  if (value === null) return "z";
  switch (typeof value) {
    case "string":
      return "s";
    case "number":
      return "n";
    case "boolean":
      return "b";
    case "object":
      break;
    default:
      return `(${typeof value})`;
  }
  let text: string;
  if (Array.isArray(value)) {
    text = "[";
    for (let i = 0; i < value.length; i++) text += shapeOf(value[i]);
    return `${text}]`;
  }
  text = "{";
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    text += key.includes('"') ? `'${key.length}:${key}` : `"${key}"`;
    text += shapeOf(record[key]);
  }
  return `${text}}`;
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
