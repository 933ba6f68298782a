// The revenue report's arithmetic (revenue-math.ts) on hand-computed ledgers, and its identity
// MRR(m) = MRR(m−1) + new + reactivation + expansion − contraction − churn on random histories.
import { describe, expect, it } from "vitest";

import { mrrOf } from "../mrr";
import { addMonths, monthsBetween, monthStartOf } from "./months";
import {
  classifyMovement,
  computeRevenueReport,
  trailingMonths,
  type MoneyInput,
  type RevenueInput,
  type RevenueMonth,
  type VersionInput,
} from "./revenue-math";
import { at, prop } from "@/tests/helpers/indexed";

const v = (tenantId: string, subscriptionId: string, iso: string, mrr: number, currency = "usd"): VersionInput => ({
  tenantId,
  subscriptionId,
  effectiveAt: new Date(iso),
  mrr,
  currency,
});
const money = (amount: number, iso: string, currency = "usd"): MoneyInput => ({ amount, currency, at: new Date(iso) });

function report(input: Partial<RevenueInput>, from: string, to: string) {
  return computeRevenueReport({ versions: [], payments: [], refunds: [], ...input }, { from, to });
}

/** The months of one currency, by month key. */
function monthsOf(input: Partial<RevenueInput>, from: string, to: string, currency = "usd") {
  const found = report(input, from, to).currencies.find((c) => c.currency === currency);
  if (!found) throw new Error(`no ${currency} in the report`);
  return Object.fromEntries(found.months.map((m) => [m.month, m])) as Record<string, RevenueMonth>;
}

const none = { new: 0, reactivation: 0, expansion: 0, contraction: 0, churn: 0 };

describe("classifyMovement", () => {
  it("names each kind of change", () => {
    expect(classifyMovement(0, 2_900, false)).toEqual({ kind: "new", amount: 2_900 });
    expect(classifyMovement(0, 2_900, true)).toEqual({ kind: "reactivation", amount: 2_900 });
    expect(classifyMovement(2_900, 9_900, true)).toEqual({ kind: "expansion", amount: 7_000 });
    expect(classifyMovement(9_900, 2_900, true)).toEqual({ kind: "contraction", amount: 7_000 });
    expect(classifyMovement(2_900, 0, true)).toEqual({ kind: "churn", amount: 2_900 });
    expect(classifyMovement(2_900, 2_900, true)).toBeNull();
    expect(classifyMovement(0, 0, true)).toBeNull();
  });
});

describe("computeRevenueReport", () => {
  it("counts a new customer, its ARR, and flat months after", () => {
    const m = monthsOf({ versions: [v("t1", "s1", "2026-01-10T00:00:00Z", 2_900)] }, "2026-01", "2026-03");
    expect(m["2026-01"]).toEqual({
      month: "2026-01",
      mrr: 2_900,
      arr: 34_800,
      previousMrr: 0,
      movements: { ...none, new: 2_900 },
      movementCustomers: { ...none, new: 1 },
      netNewMrr: 2_900,
      momChange: 2_900,
      momPercent: null,
      customers: 1,
      cashCollected: 0,
      refunds: 0,
      netRevenue: 0,
    });
    expect(m["2026-02"]).toMatchObject({
      mrr: 2_900,
      previousMrr: 2_900,
      movements: none,
      momPercent: 0,
      netNewMrr: 0,
    });
    expect(prop(m, "2026-03").mrr).toBe(2_900);
  });

  it("counts expansion and contraction, with MoM percent to two decimals", () => {
    const m = monthsOf(
      {
        versions: [
          v("t1", "s1", "2026-01-05T00:00:00Z", 2_900),
          v("t1", "s1", "2026-02-10T00:00:00Z", 9_900),
          v("t1", "s1", "2026-03-03T00:00:00Z", 4_900),
        ],
      },
      "2026-01",
      "2026-03",
    );
    expect(m["2026-02"]).toMatchObject({
      mrr: 9_900,
      movements: { ...none, expansion: 7_000 },
      netNewMrr: 7_000,
      momChange: 7_000,
      momPercent: 241.38, // 7000 / 2900 = 2.41379…
      customers: 1,
    });
    expect(m["2026-03"]).toMatchObject({
      mrr: 4_900,
      movements: { ...none, contraction: 5_000 },
      netNewMrr: -5_000,
      momPercent: -50.51, // −5000 / 9900 = −0.50505…
    });
  });

  it("counts churn, then reactivation rather than new when the customer comes back", () => {
    const m = monthsOf(
      {
        versions: [
          v("t1", "s1", "2026-01-05T00:00:00Z", 2_900),
          v("t1", "s1", "2026-02-20T00:00:00Z", 0),
          v("t1", "s2", "2026-04-02T00:00:00Z", 9_900),
        ],
      },
      "2026-01",
      "2026-04",
    );
    expect(m["2026-02"]).toMatchObject({
      mrr: 0,
      movements: { ...none, churn: 2_900 },
      movementCustomers: { ...none, churn: 1 },
      momPercent: -100,
      customers: 0,
    });
    expect(m["2026-03"]).toMatchObject({ mrr: 0, movements: none, momPercent: null });
    expect(m["2026-04"]).toMatchObject({ mrr: 9_900, movements: { ...none, reactivation: 9_900 }, customers: 1 });
  });

  it("looks before the range to tell reactivation from new", () => {
    const versions = [
      v("t1", "s1", "2025-01-15T00:00:00Z", 2_900),
      v("t1", "s1", "2025-02-15T00:00:00Z", 0),
      v("t1", "s1", "2026-03-15T00:00:00Z", 2_900),
      v("t2", "s2", "2026-03-15T00:00:00Z", 9_900),
    ];
    const m = monthsOf({ versions }, "2026-01", "2026-03");
    expect(prop(m, "2026-03").movements).toEqual({ ...none, reactivation: 2_900, new: 9_900 });
    expect(m["2026-01"]).toMatchObject({ mrr: 0, previousMrr: 0 });
  });

  it("uses the latest version before the next month starts; a state at midnight of the 1st belongs to the new month", () => {
    const m = monthsOf(
      {
        versions: [
          v("t1", "s1", "2026-01-05T00:00:00Z", 2_900),
          v("t1", "s1", "2026-01-20T00:00:00Z", 9_900),
          v("t1", "s1", "2026-02-01T00:00:00Z", 49_900),
        ],
      },
      "2026-01",
      "2026-02",
    );
    expect(m["2026-01"]).toMatchObject({ mrr: 9_900, movements: { ...none, new: 9_900 } });
    expect(m["2026-02"]).toMatchObject({ mrr: 49_900, movements: { ...none, expansion: 40_000 } });
  });

  it("counts a subscription that starts and ends inside one month nowhere, and a trial as no MRR", () => {
    const m = monthsOf(
      {
        versions: [
          v("t1", "s1", "2026-01-03T00:00:00Z", 2_900),
          v("t1", "s1", "2026-01-25T00:00:00Z", 0),
          v("t2", "s2", "2026-01-03T00:00:00Z", mrrOf("TRIALING", "MONTH", 9_900)),
          v("t2", "s2", "2026-02-03T00:00:00Z", mrrOf("ACTIVE", "MONTH", 9_900)),
        ],
      },
      "2026-01",
      "2026-02",
    );
    expect(m["2026-01"]).toMatchObject({ mrr: 0, customers: 0, movements: none });
    expect(m["2026-02"]).toMatchObject({ mrr: 9_900, customers: 1, movements: { ...none, new: 9_900 } });
  });

  it("counts a yearly subscription at its normalised MRR and its payment as cash in the month paid", () => {
    expect(mrrOf("ACTIVE", "YEAR", 29_000)).toBe(2_417); // 29000 / 12 = 2416.67
    const m = monthsOf(
      {
        versions: [v("t1", "s1", "2026-01-10T00:00:00Z", mrrOf("ACTIVE", "YEAR", 29_000))],
        payments: [money(29_000, "2026-01-10T00:00:05Z")],
      },
      "2026-01",
      "2026-02",
    );
    expect(m["2026-01"]).toMatchObject({ mrr: 2_417, arr: 29_004, cashCollected: 29_000, netRevenue: 29_000 });
    expect(m["2026-02"]).toMatchObject({ mrr: 2_417, arr: 29_004, cashCollected: 0, movements: none });
  });

  it("treats two subscriptions of one tenant as one customer: expansion and contraction, not new and churn", () => {
    const m = monthsOf(
      {
        versions: [
          v("t1", "a", "2026-01-05T00:00:00Z", 2_900),
          v("t1", "b", "2026-02-05T00:00:00Z", 9_900),
          v("t1", "a", "2026-03-05T00:00:00Z", 0),
        ],
      },
      "2026-01",
      "2026-03",
    );
    expect(m["2026-02"]).toMatchObject({
      mrr: 12_800,
      customers: 1,
      movements: { ...none, expansion: 9_900 },
      movementCustomers: { ...none, expansion: 1 },
    });
    expect(m["2026-03"]).toMatchObject({ mrr: 9_900, customers: 1, movements: { ...none, contraction: 2_900 } });
  });

  it("keeps currencies apart, sorted, each with every month of the range", () => {
    const r = report(
      {
        versions: [
          v("t1", "s1", "2026-01-05T00:00:00Z", 2_900, "usd"),
          v("t2", "s2", "2026-02-05T00:00:00Z", 2_700, "eur"),
          // A tenant moving from usd to eur churns in one and is new in the other.
          v("t3", "s3", "2026-01-05T00:00:00Z", 9_900, "usd"),
          v("t3", "s3", "2026-02-07T00:00:00Z", 9_200, "eur"),
        ],
        payments: [money(2_900, "2026-01-05T00:00:00Z", "usd"), money(2_700, "2026-02-05T00:00:00Z", "eur")],
      },
      "2026-01",
      "2026-02",
    );
    expect(r.from).toBe("2026-01");
    expect(r.to).toBe("2026-02");
    expect(r.currencies.map((c) => c.currency)).toEqual(["eur", "usd"]);
    for (const c of r.currencies) expect(c.months.map((m) => m.month)).toEqual(["2026-01", "2026-02"]);
    const [eur, usd] = [at(r.currencies, 0), at(r.currencies, 1)];
    expect(eur.months[0]).toMatchObject({ mrr: 0, customers: 0, cashCollected: 0 });
    expect(eur.months[1]).toMatchObject({
      mrr: 11_900,
      customers: 2,
      movements: { ...none, new: 11_900 },
      cashCollected: 2_700,
    });
    expect(usd.months[0]).toMatchObject({ mrr: 12_800, customers: 2, cashCollected: 2_900 });
    expect(usd.months[1]).toMatchObject({ mrr: 2_900, customers: 1, movements: { ...none, churn: 9_900 } });
  });

  it("subtracts refunds in the month they were made", () => {
    const m = monthsOf(
      {
        payments: [money(9_900, "2026-01-15T00:00:00Z"), money(9_900, "2026-02-15T00:00:00Z")],
        refunds: [money(2_000, "2026-02-20T00:00:00Z"), money(500, "2026-03-01T00:00:00Z")],
      },
      "2026-01",
      "2026-03",
    );
    expect(m["2026-01"]).toMatchObject({ cashCollected: 9_900, refunds: 0, netRevenue: 9_900, mrr: 0 });
    expect(m["2026-02"]).toMatchObject({ cashCollected: 9_900, refunds: 2_000, netRevenue: 7_900 });
    expect(m["2026-03"]).toMatchObject({ cashCollected: 0, refunds: 500, netRevenue: -500 });
  });

  it("counts a proration payment as cash but never as MRR", () => {
    const m = monthsOf(
      {
        versions: [v("t1", "s1", "2026-01-01T00:00:00Z", 2_900), v("t1", "s1", "2026-02-15T00:00:00Z", 9_900)],
        payments: [
          money(2_900, "2026-01-01T00:00:00Z"),
          money(2_900, "2026-02-01T00:00:00Z"),
          money(3_500, "2026-02-15T00:00:00Z"), // the upgrade's prorated difference for half a month
        ],
      },
      "2026-01",
      "2026-02",
    );
    expect(m["2026-02"]).toMatchObject({
      mrr: 9_900,
      movements: { ...none, expansion: 7_000 },
      cashCollected: 6_400,
      netRevenue: 6_400,
    });
  });

  it("ignores money outside the range and reports nothing for an empty ledger", () => {
    const m = monthsOf(
      {
        payments: [
          money(100, "2025-12-31T23:59:59Z"),
          money(200, "2026-01-01T00:00:00Z"),
          money(400, "2026-03-01T00:00:00Z"),
        ],
      },
      "2026-01",
      "2026-02",
    );
    expect(prop(m, "2026-01").cashCollected).toBe(200);
    expect(prop(m, "2026-02").cashCollected).toBe(0);
    expect(report({}, "2026-01", "2026-12")).toEqual({ from: "2026-01", to: "2026-12", currencies: [] });
  });

  it("refuses a range that ends before it starts, and gives a trailing range through the current month", () => {
    expect(() => report({}, "2026-03", "2026-02")).toThrow(RangeError);
    expect(trailingMonths(new Date("2026-03-15T12:00:00Z"))).toEqual({ from: "2025-04", to: "2026-03" });
    expect(trailingMonths(new Date("2026-03-15T12:00:00Z"), 1)).toEqual({ from: "2026-03", to: "2026-03" });
  });
});

// ─── Random histories ─────────────────────────────────────────────────────────

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function generator(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function randomHistory(seed: number): VersionInput[] {
  const random = generator(seed);
  const pick = <T>(items: readonly T[]) => at(items, Math.floor(random() * items.length));
  const start = Date.UTC(2024, 0, 1);
  const span = Date.UTC(2027, 0, 1) - start;
  const versions: VersionInput[] = [];
  for (let s = 0; s < 12; s++) {
    const tenantId = `t${Math.floor(random() * 6)}`;
    let currency = pick(["usd", "eur"]);
    const states = 1 + Math.floor(random() * 6);
    const times = new Set<number>();
    while (times.size < states) times.add(start + Math.floor(random() * span));
    for (const time of times) {
      if (random() < 0.1) currency = currency === "usd" ? "eur" : "usd";
      versions.push({
        tenantId,
        subscriptionId: `s${s}`,
        effectiveAt: new Date(time),
        currency,
        mrr: pick([0, 0, 2_417, 2_900, 9_900, 49_900]),
      });
    }
  }
  return versions;
}

/** MRR per currency at a month's end, the slow way. */
function bruteForce(versions: VersionInput[], month: string, currency: string) {
  const boundary = monthStartOf(addMonths(month, 1)).getTime();
  const latest = new Map<string, VersionInput>();
  for (const version of versions) {
    if (version.effectiveAt.getTime() >= boundary) continue;
    const key = `${version.tenantId}/${version.subscriptionId}`;
    const held = latest.get(key);
    if (!held || held.effectiveAt < version.effectiveAt) latest.set(key, version);
  }
  const byTenant = new Map<string, number>();
  for (const version of latest.values()) {
    if (version.currency !== currency) continue;
    byTenant.set(version.tenantId, (byTenant.get(version.tenantId) ?? 0) + version.mrr);
  }
  const values = [...byTenant.values()];
  return { mrr: values.reduce((a, b) => a + b, 0), customers: values.filter((x) => x > 0).length };
}

describe("the MRR identity on random histories", () => {
  it.each(Array.from({ length: 40 }, (_, i) => [1_000 + i]))("holds for history #%i", (seed) => {
    const versions = randomHistory(seed);
    const random = generator(seed * 7);
    const months = monthsBetween("2024-01", "2026-12");
    const a = Math.floor(random() * months.length);
    const b = Math.floor(random() * months.length);
    const range = { from: at(months, Math.min(a, b)), to: at(months, Math.max(a, b)) };
    const r = computeRevenueReport({ versions, payments: [], refunds: [] }, range);

    for (const { currency, months: rows } of r.currencies) {
      expect(rows.map((row) => row.month)).toEqual(monthsBetween(range.from, range.to));
      rows.forEach((row, i) => {
        const { movements: mv } = row;
        expect(row.mrr).toBe(row.previousMrr + mv.new + mv.reactivation + mv.expansion - mv.contraction - mv.churn);
        expect(row.netNewMrr).toBe(row.momChange);
        if (i > 0) expect(row.previousMrr).toBe(at(rows, i - 1).mrr);
        expect({ mrr: row.mrr, customers: row.customers }).toEqual(bruteForce(versions, row.month, currency));
        expect(row.previousMrr).toBe(bruteForce(versions, addMonths(row.month, -1), currency).mrr);
        for (const amount of Object.values(mv)) expect(amount).toBeGreaterThanOrEqual(0);
      });
    }
    // Every currency with MRR in the range is in the report.
    for (const currency of ["usd", "eur"]) {
      const any = monthsBetween(range.from, range.to).some((m) => bruteForce(versions, m, currency).mrr > 0);
      if (any) expect(r.currencies.map((c) => c.currency)).toContain(currency);
    }
    // The input's order does not matter.
    const shuffled = [...versions].sort(() => random() - 0.5);
    expect(computeRevenueReport({ versions: shuffled, payments: [], refunds: [] }, range)).toEqual(r);
  });
});
