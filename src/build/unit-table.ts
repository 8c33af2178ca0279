/**
 * The units of a build as the cache stores them: one string per field, read field by field.
 *
 * An incremental build or `validate` recompiles a few units and asks questions of all the
 * others: does one of them have this resource key, this folder, this object identity? As JSON
 * objects, the 10,000 units of the bench's repository took 44 ms to parse, plus the garbage
 * collection of about 100,000 objects, to answer a few lookups. Here each field is a column: a
 * string holding every unit's value, the units separated by NUL, a unit's list items by SOH. A
 * lookup is a text search in one column; only the units compiled again are turned into
 * objects, and the others are written back as the strings they were read as.
 */
import { lastAtOrBefore } from "../diagnostics/line-index.js";
import type { Unit } from "./units.js";

/** Up to how many items holdsAny searches a column's text, one item at a time. */
const SEARCHES_AT_MOST = 32;

/** Between units in a column. */
const UNIT_SEP = "\0";
/** Between the items of a unit's list. */
const ITEM_SEP = "\x01";

/**
 * The fields of a unit that are lists of strings. Resources are two lists, their ids and keys;
 * owners too, their workspaces and ids.
 */
const LIST_COLUMNS = [
  "ids",
  "keys",
  "ownerWorkspaces",
  "ownerIds",
  "stacks",
  "folders",
  "placements",
  "includes",
  "identities",
] as const;
/** The fields that are records, stored as one JSON text per unit. */
const RECORD_COLUMNS = ["profiles"] as const;

export type ListColumn = (typeof LIST_COLUMNS)[number];
type SplitField = "ids" | "keys" | "ownerWorkspaces" | "ownerIds";
type RecordColumn = (typeof RECORD_COLUMNS)[number];
type ColumnName = "file" | ListColumn | RecordColumn;
const COLUMNS: readonly ColumnName[] = ["file", ...LIST_COLUMNS, ...RECORD_COLUMNS];

/** A unit without its lineage, which is stored apart (see BuildUnits). */
export type UnitSummary = Omit<Unit, "lineage">;

/** units.json's table: the number of units and each column's text. */
export interface StoredUnitTable {
  count: number;
  columns: Record<ColumnName, string>;
}

/** The list columns that are not a field of the same name. */
const SPLIT_FIELDS = new Set<ListColumn>(["ids", "keys", "ownerWorkspaces", "ownerIds"] as const);

/** One column: its units' parts and, once needed, its text and where each part starts. */
class Column {
  private starts?: number[];
  private joined?: string;

  constructor(
    readonly parts: readonly string[],
    joined?: string,
  ) {
    this.joined = joined;
  }

  text(): string {
    return (this.joined ??= this.parts.join(UNIT_SEP));
  }

  /** The unit whose part holds a position of the text. */
  unitAt(position: number): number {
    return lastAtOrBefore((this.starts ??= startsOf(this.parts)), position);
  }
}

/** The units of a build, sorted by file. */
export class UnitTable {
  private byFile?: Map<string, number>;

  private constructor(private readonly columns: Record<ColumnName, Column>) {}

  /**
   * The table of some units, or undefined when a value holds a separator (a file name with a
   * control character): such a build records no units, and the next one is a full build.
   */
  static of(units: readonly UnitSummary[]): UnitTable | undefined {
    const sorted = [...units].sort((a, b) => compare(a.file, b.file));
    const parts = {} as Record<ColumnName, string[]>;
    for (const name of COLUMNS) parts[name] = [];
    for (const u of sorted) {
      const packed = packUnit(u);
      if (packed === undefined) return undefined;
      for (const name of COLUMNS) parts[name].push(packed[name]);
    }
    return UnitTable.fromParts(parts);
  }

  /** The table units.json holds, or undefined when it does not have the shape. */
  static unpack(stored: unknown): UnitTable | undefined {
    const s = stored as Partial<StoredUnitTable> | null;
    if (typeof s !== "object" || s === null || typeof s.count !== "number") return undefined;
    const { count, columns } = s;
    if (typeof columns !== "object" || columns === null) return undefined;
    const read = {} as Record<ColumnName, Column>;
    for (const name of COLUMNS) {
      const text: unknown = columns[name];
      if (typeof text !== "string") return undefined;
      const parts = count === 0 ? [] : text.split(UNIT_SEP);
      if (parts.length !== count || (count === 0 && text !== "")) return undefined;
      read[name] = new Column(parts, text);
    }
    return new UnitTable(read);
  }

  private static fromParts(parts: Record<ColumnName, readonly string[]>): UnitTable {
    const columns = {} as Record<ColumnName, Column>;
    for (const name of COLUMNS) columns[name] = new Column(parts[name]);
    return new UnitTable(columns);
  }

  pack(): StoredUnitTable {
    const columns = {} as Record<ColumnName, string>;
    for (const name of COLUMNS) columns[name] = this.columns[name].text();
    return { count: this.size, columns };
  }

  get size(): number {
    return this.columns.file.parts.length;
  }

  get files(): readonly string[] {
    return this.columns.file.parts;
  }

  /** The index of a unit file, or undefined when it is not one. */
  indexOf(file: string): number | undefined {
    this.byFile ??= new Map(this.files.map((f, i) => [f, i]));
    return this.byFile.get(file);
  }

  unit(i: number): UnitSummary {
    const unit = { file: this.files[i]! } as UnitSummary;
    for (const name of LIST_COLUMNS)
      if (!SPLIT_FIELDS.has(name))
        unit[name as Exclude<ListColumn, SplitField>] = this.list(name, i);
    const ids = this.list("ids", i);
    const keys = this.list("keys", i);
    unit.resources = ids.map((id, k) => ({ id, key: keys[k]! }));
    unit.profiles = this.record("profiles", i) as Record<string, string[]>;
    unit.owners = this.owners(i);
    return unit;
  }

  /** One unit's items of a list field. */
  list(name: ListColumn, i: number): string[] {
    const part = this.columns[name].parts[i]!;
    return part === "" ? [] : part.split(ITEM_SEP);
  }

  /** One unit's owners: workspace → the least of its resource ids with objects there. */
  owners(i: number): Record<string, string> {
    const ids = this.list("ownerIds", i);
    return Object.fromEntries(this.list("ownerWorkspaces", i).map((ws, k) => [ws, ids[k]!]));
  }

  /** One unit's record field. */
  private record(name: RecordColumn, i: number): Record<string, unknown> {
    return JSON.parse(this.columns[name].parts[i]!) as Record<string, unknown>;
  }

  /** The indexes of the units whose list field holds an item. */
  listing(name: ListColumn, item: string): number[] {
    const found: number[] = [];
    this.search(name, item, (unit) => {
      found.push(unit);
      return false;
    });
    return found;
  }

  /** Whether a unit not in `skip` has one of `items` in a list field. */
  holdsAny(name: ListColumn, items: Iterable<string>, skip: ReadonlySet<number>): boolean {
    const wanted = new Set(items);
    // A search reads the whole column once per item: for many items (a stack's 5,000 users
    // recompiled), one pass over every unit's items is cheaper.
    if (wanted.size > SEARCHES_AT_MOST) {
      const { parts } = this.columns[name];
      for (let i = 0; i < parts.length; i++) {
        if (parts[i] === "" || skip.has(i)) continue;
        if (this.list(name, i).some((item) => wanted.has(item))) return true;
      }
      return false;
    }
    for (const item of wanted) if (this.search(name, item, (unit) => !skip.has(unit))) return true;
    return false;
  }

  /** How many items a list field has over the units not in `skip`. */
  count(name: ListColumn, skip: ReadonlySet<number>): number {
    const { parts } = this.columns[name];
    let n = 0;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (part === "" || skip.has(i)) continue;
      n++;
      for (let at = part.indexOf(ITEM_SEP); at !== -1; at = part.indexOf(ITEM_SEP, at + 1)) n++;
    }
    return n;
  }

  /** The items of a list field over the units not in `skip`. */
  itemsExcept(name: ListColumn, skip: ReadonlySet<number>): Set<string> {
    const items = new Set<string>();
    const { parts } = this.columns[name];
    for (let i = 0; i < parts.length; i++)
      if (parts[i] !== "" && !skip.has(i)) for (const item of this.list(name, i)) items.add(item);
    return items;
  }

  /**
   * The units not in `drop`, and `add` in their place (by file), sorted by file; undefined when
   * a new unit cannot be stored (see `of`). The units kept are copied as the strings they are.
   */
  replace(drop: ReadonlySet<number>, add: readonly UnitSummary[]): UnitTable | undefined {
    const added = UnitTable.of(add);
    if (added === undefined) return undefined;
    const parts = {} as Record<ColumnName, string[]>;
    for (const name of COLUMNS) parts[name] = [];
    const take = (table: UnitTable, i: number) => {
      for (const name of COLUMNS) parts[name].push(table.columns[name].parts[i]!);
    };
    let j = 0;
    for (let i = 0; i < this.size; i++) {
      if (drop.has(i)) continue;
      while (j < added.size && compare(added.files[j]!, this.files[i]!) < 0) take(added, j++);
      take(this, i);
    }
    while (j < added.size) take(added, j++);
    return UnitTable.fromParts(parts);
  }

  /**
   * Calls `hit` with each unit whose list field holds the item exactly, until it returns true;
   * returns whether it did. A search of the column's text, not of each unit.
   */
  private search(name: ListColumn, item: string, hit: (unit: number) => boolean): boolean {
    if (item === "" || item.includes(UNIT_SEP) || item.includes(ITEM_SEP)) return false;
    const column = this.columns[name];
    const text = column.text();
    for (let at = text.indexOf(item); at !== -1; at = text.indexOf(item, at + 1)) {
      const end = at + item.length;
      const before = at === 0 ? UNIT_SEP : text[at - 1];
      const after = end === text.length ? UNIT_SEP : text[end];
      if (!isSep(before) || !isSep(after)) continue;
      if (hit(column.unitAt(at))) return true;
    }
    return false;
  }
}

/** A unit's value in each column, or undefined when a string holds a separator. */
function packUnit(u: UnitSummary): Record<ColumnName, string> | undefined {
  const owners = Object.entries(u.owners);
  const lists: Record<ListColumn, readonly string[]> = {
    ids: u.resources.map((r) => r.id),
    keys: u.resources.map((r) => r.key),
    ownerWorkspaces: owners.map(([ws]) => ws),
    ownerIds: owners.map(([, id]) => id),
    stacks: u.stacks,
    folders: u.folders,
    placements: u.placements,
    includes: u.includes,
    identities: u.identities,
  };
  if (hasSep(u.file)) return undefined;
  const packed = { file: u.file } as Record<ColumnName, string>;
  for (const name of LIST_COLUMNS) {
    const items = lists[name];
    // An empty string would read back as no item at all.
    if (items.some((item) => item === "" || hasSep(item))) return undefined;
    packed[name] = items.join(ITEM_SEP);
  }
  // JSON escapes control characters: its text never holds a separator.
  for (const name of RECORD_COLUMNS) packed[name] = JSON.stringify(u[name]);
  return packed;
}

function hasSep(s: string): boolean {
  return s.includes(UNIT_SEP) || s.includes(ITEM_SEP);
}

function isSep(c: string | undefined): boolean {
  return c === UNIT_SEP || c === ITEM_SEP;
}

function startsOf(parts: readonly string[]): number[] {
  const starts = new Array<number>(parts.length);
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    starts[i] = at;
    at += parts[i]!.length + 1;
  }
  return starts;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
