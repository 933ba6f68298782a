// The bookkeeping of a ledger run: a row inserted in the run is written once with its final
// fields, a stored row only with the fields the run changed (the later write of a field wins), and
// ids made for new rows have the shape of Prisma's cuid() and do not repeat.
import { describe, expect, it } from "vitest";

import { newRowId, Rows } from "./ledger-table";

interface Row {
  status: string;
  amount: number;
}

describe("ledger run bookkeeping", () => {
  it("inserts a new row once, with the changes made to it in the run", () => {
    const rows = new Rows<Row, Row & { note: string }>();
    rows.insert("a", { status: "OPEN", amount: 1 }, { status: "OPEN", amount: 1, note: "first" });
    rows.update("a", { status: "PAID", note: "second" });
    expect(rows.get("a")).toMatchObject({ status: "PAID", amount: 1 });
    expect(rows.inserts()).toEqual([
      { row: expect.objectContaining({ status: "PAID" }), data: { status: "PAID", amount: 1, note: "second" } },
    ]);
    expect(rows.updates()).toEqual([]);
  });

  it("writes back only what the run changed in a stored row, the later write of a field winning", () => {
    const rows = new Rows<Row, Row>();
    rows.loaded("a", { status: "OPEN", amount: 1 });
    rows.loaded("b", { status: "OPEN", amount: 2 });
    rows.update("a", { status: "PAID" });
    rows.update("a", { status: "VOID", amount: 3 });
    expect(rows.get("a")).toEqual({ status: "VOID", amount: 3 });
    expect(rows.inserts()).toEqual([]);
    expect(rows.updates()).toEqual([{ row: { status: "VOID", amount: 3 }, data: { status: "VOID", amount: 3 } }]);
    expect(() => rows.update("never-read", { status: "PAID" })).toThrow(/never read/);
  });

  it("makes ids shaped like cuid() that do not repeat", () => {
    const ids = Array.from({ length: 10_000 }, newRowId);
    for (const id of ids.slice(0, 100)) expect(id).toMatch(/^c[0-9a-z]{24}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
