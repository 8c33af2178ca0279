import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UnitTable, type UnitSummary } from "../../src/build/unit-table.js";

function unit(file: string, parts: Partial<UnitSummary> = {}): UnitSummary {
  return {
    file,
    resources: [{ id: `service:v1:${file}:ws`, key: `service/ws/${file}` }],
    stacks: [],
    profiles: {},
    owners: {},
    folders: [],
    placements: [],
    includes: [],
    identities: [],
    ...parts,
  };
}

/** The table as the cache reads it back: packed, through JSON, unpacked. */
function stored(units: readonly UnitSummary[]): UnitTable {
  const table = UnitTable.of(units)!;
  return UnitTable.unpack(JSON.parse(JSON.stringify(table.pack())))!;
}

const UNITS = [
  unit("b.yaml", {
    resources: [
      { id: "worker:v1:b1:ws", key: "worker/ws/b1" },
      { id: "worker:v1:b2:ws", key: "worker/ws/b2" },
    ],
    stacks: ["stacks/etl.yaml"],
    profiles: { ws: ["baseline", "restricted"] },
    owners: { ws: "worker:v1:b1:ws", other: "worker:v1:b2:other" },
    folders: ["default/ws/worker-b1", "default/ws/worker-b2"],
    placements: ["ws/instance-secret/s3"],
    includes: ["jobs/b.yaml"],
    identities: ["1a.2b", "3c.4d"],
  }),
  unit("a.yaml", { folders: ["default/ws/worker-b"], identities: ["1a.2"] }),
  unit("c.yaml", { stacks: ["stacks/etl.yaml"], identities: ["5e.6f"] }),
];

describe("UnitTable", () => {
  it("reads back every field of every unit, sorted by file", () => {
    const table = stored(UNITS);
    expect(table.files).toEqual(["a.yaml", "b.yaml", "c.yaml"]);
    expect(table.unit(1)).toEqual(UNITS[0]);
    expect(table.unit(0)).toEqual(UNITS[1]);
    expect(table.indexOf("c.yaml")).toBe(2);
    expect(table.indexOf("jobs/b.yaml")).toBeUndefined();
    expect(stored([]).size).toBe(0);
  });

  it("finds whole items only, and not in the units skipped", () => {
    const table = stored(UNITS);
    // "1a.2" is a's item and a prefix of b's "1a.2b"; "default/ws/worker-b" a prefix of b's.
    expect(table.listing("identities", "1a.2")).toEqual([0]);
    expect(table.listing("identities", "1a.2b")).toEqual([1]);
    expect(table.listing("identities", "2b")).toEqual([]);
    expect(table.listing("folders", "default/ws/worker-b")).toEqual([0]);
    expect(table.listing("stacks", "stacks/etl.yaml")).toEqual([1, 2]);
    expect(table.holdsAny("identities", ["5e.6f"], new Set())).toBe(true);
    expect(table.holdsAny("identities", ["5e.6f"], new Set([2]))).toBe(false);
    expect(table.holdsAny("keys", ["worker/ws/b2", "nope"], new Set([0]))).toBe(true);
    expect(table.holdsAny("keys", ["worker/ws/b2"], new Set([1]))).toBe(false);
    expect(table.holdsAny("folders", [""], new Set())).toBe(false);
    expect(table.listing("ownerWorkspaces", "ws")).toEqual([1]);
    expect(table.owners(1)).toEqual({ ws: "worker:v1:b1:ws", other: "worker:v1:b2:other" });
    expect(table.owners(0)).toEqual({});
  });

  it("counts and gathers the items of the units not skipped", () => {
    const table = stored(UNITS);
    expect(table.count("ids", new Set())).toBe(4);
    expect(table.count("ids", new Set([1]))).toBe(2);
    expect(table.count("includes", new Set())).toBe(1);
    expect([...table.itemsExcept("stacks", new Set([1]))]).toEqual(["stacks/etl.yaml"]);
    expect([...table.itemsExcept("includes", new Set([1]))]).toEqual([]);
  });

  it("replaces units, keeping the others as they were read", () => {
    const table = stored(UNITS);
    const next = table.replace(new Set([0, 2]), [unit("d.yaml"), unit("0.yaml")])!;
    expect(next.files).toEqual(["0.yaml", "b.yaml", "d.yaml"]);
    expect(next.unit(1)).toEqual(UNITS[0]);
    expect(next.unit(2)).toEqual(unit("d.yaml"));
    const again = UnitTable.unpack(JSON.parse(JSON.stringify(next.pack())))!;
    expect(again.pack()).toEqual(next.pack());
  });

  it("declines what its separators cannot hold, and shapes it did not write", () => {
    expect(UnitTable.of([unit("a\0.yaml")])).toBeUndefined();
    expect(UnitTable.of([unit("a.yaml", { folders: ["x\x01y"] })])).toBeUndefined();
    expect(UnitTable.of([unit("a.yaml", { identities: [""] })])).toBeUndefined();
    const good = UnitTable.of(UNITS)!.pack();
    expect(UnitTable.unpack({ ...good, count: 2 })).toBeUndefined();
    expect(
      UnitTable.unpack({ ...good, columns: { ...good.columns, profiles: 1 } }),
    ).toBeUndefined();
    expect(UnitTable.unpack({ count: 0, columns: { ...good.columns } })).toBeUndefined();
    expect(UnitTable.unpack(null)).toBeUndefined();
  });

  it("answers every lookup as a scan of the units would", () => {
    const name = fc.constantFrom<string>("a", "b", "ab", "b/a", "a.b", "ba", "a-b");
    const units = fc.uniqueArray(
      fc.record({
        file: fc.string({ minLength: 1, maxLength: 4 }),
        folders: fc.uniqueArray(name, { maxLength: 3 }),
        identities: fc.uniqueArray(name, { maxLength: 3 }),
      }),
      { selector: (u) => u.file, maxLength: 8 },
    );
    fc.assert(
      fc.property(units, fc.uniqueArray(name), fc.array(fc.nat(8)), (raw, items, skipped) => {
        const list = raw
          .filter((u) => !/[\0\x01]/.test(u.file))
          .map((u) => unit(u.file, { folders: u.folders, identities: u.identities }));
        const table = stored(list);
        const skip = new Set(skipped);
        const sorted = [...list].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
        const naive = sorted.some(
          (u, i) => !skip.has(i) && u.folders.some((f) => items.includes(f)),
        );
        expect(table.holdsAny("folders", items, skip)).toBe(naive);
        // Past 32 items, a scan of every unit's items instead of a search per item.
        const many = [...items, ...Array.from({ length: 40 }, (_, i) => `none-${i}`)];
        expect(table.holdsAny("folders", many, skip)).toBe(naive);
        for (const item of items)
          expect(table.listing("identities", item)).toEqual(
            sorted.flatMap((u, i) => (u.identities.includes(item) ? [i] : [])),
          );
        sorted.forEach((u, i) => expect(table.unit(i)).toEqual(u));
      }),
    );
  });
});
