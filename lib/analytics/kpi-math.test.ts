// The KPIs on a hand-computed six-month history (docs/metrics.md has the definitions):
// A  usd monthly 100.00, Jan; expands to 200.00 in April                      (channel ads)
// B  usd trial in Jan, yearly 1,200.00 from Feb (MRR 100.00), 200.00 refunded in March (content)
// C  usd monthly 50.00 from Feb, cancels in March, comes back in May (reactivation) (ads)
// D  eur trial in March, monthly 80.00 from mid-March                          (ads)
// E  usd trial in March that expires unpaid                                    (none)
// F  usd monthly 100.00 from April                                             (ads)
import { describe, expect, it } from "vitest";

import { activityDays, computeKpis, summariseActivity, type KpiInput, type KpiVersion } from "./kpi-math";

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);

function v(tenantId: string, subscriptionId: string, day: string, status: string, mrr: number, currency = "usd") {
  return { tenantId, subscriptionId, effectiveAt: at(day), status, mrr, currency } satisfies KpiVersion;
}

const pay = (tenantId: string, day: string, amount: number, currency = "usd") => ({
  tenantId,
  currency,
  amount,
  at: at(day),
});

const act = (tenantId: string, userId: string, day: string) => ({ tenantId, userId, day });

const input: KpiInput = {
  versions: [
    v("A", "a", "2026-01-10", "ACTIVE", 10000),
    v("A", "a", "2026-04-15", "ACTIVE", 20000),
    v("B", "b", "2026-01-20", "TRIALING", 0),
    v("B", "b", "2026-02-03", "ACTIVE", 10000), // yearly 120000 ÷ 12
    v("C", "c", "2026-02-01", "ACTIVE", 5000),
    v("C", "c", "2026-03-15", "CANCELED", 0),
    v("C", "c2", "2026-05-10", "ACTIVE", 5000),
    v("D", "d", "2026-03-01", "TRIALING", 0, "eur"),
    v("D", "d", "2026-03-15", "ACTIVE", 8000, "eur"),
    v("E", "e", "2026-03-05", "TRIALING", 0),
    v("E", "e", "2026-03-19", "EXPIRED", 0),
    v("F", "f", "2026-04-02", "ACTIVE", 10000),
  ],
  payments: [
    ...["01", "02", "03", "04"].map((m) => pay("A", `2026-${m}-10`, 10000)),
    pay("A", "2026-05-10", 20000),
    pay("A", "2026-06-10", 20000),
    pay("B", "2026-02-03", 120000),
    pay("C", "2026-02-01", 5000),
    pay("C", "2026-03-01", 5000),
    pay("C", "2026-05-10", 5000),
    pay("C", "2026-06-10", 5000),
    ...["03", "04", "05", "06"].map((m) => pay("D", `2026-${m}-15`, 8000, "eur")),
    ...["04", "05", "06"].map((m) => pay("F", `2026-${m}-02`, 10000)),
  ],
  refunds: [pay("B", "2026-03-10", 20000)],
  tenants: [
    { id: "A", createdAt: at("2026-01-05"), channel: "ads" },
    { id: "B", createdAt: at("2026-01-20"), channel: "content" },
    { id: "C", createdAt: at("2026-02-01"), channel: "ads" },
    { id: "D", createdAt: at("2026-03-01"), channel: "ads" },
    { id: "E", createdAt: at("2026-03-05"), channel: null },
    { id: "F", createdAt: at("2026-04-02"), channel: "ads" },
  ],
  spend: [
    { month: "2026-01", channel: "ads", currency: "usd", amount: 5000 },
    { month: "2026-02", channel: "ads", currency: "usd", amount: 30000 },
    { month: "2026-02", channel: "content", currency: "usd", amount: 10000 },
    { month: "2026-03", channel: "ads", currency: "usd", amount: 15000 },
    { month: "2026-03", channel: "ads", currency: "eur", amount: 16000 },
    { month: "2026-04", channel: "ads", currency: "usd", amount: 20000 },
  ],
  activity: [
    ...["01-05", "02-02", "03-03", "04-04", "05-05", "06-06"].map((d) => act("A", "u1", `2026-${d}`)),
    act("B", "u2", "2026-01-20"),
    act("B", "u2", "2026-03-10"),
    act("C", "u3", "2026-02-01"),
    act("C", "u3", "2026-05-10"),
    act("D", "u4", "2026-03-01"),
    act("D", "u4", "2026-04-01"),
    act("E", "u5", "2026-03-05"),
    act("F", "u6", "2026-04-02"),
    act("F", "u6", "2026-06-02"),
    act("F", "u1", "2026-06-06"), // the same user in two workspaces on one day counts once
  ],
};

const report = computeKpis(input, { from: "2026-01", to: "2026-06" });
const usd = (month: string) =>
  report.currencies.find((c) => c.currency === "usd")!.months.find((m) => m.month === month)!;
const eur = (month: string) =>
  report.currencies.find((c) => c.currency === "eur")!.months.find((m) => m.month === month)!;

describe("revenue KPIs per currency", () => {
  it("keeps currencies apart (no FX)", () => {
    expect(report.currencies.map((c) => c.currency)).toEqual(["eur", "usd"]);
    expect(eur("2026-03")).toMatchObject({ mrr: 8000, customers: 1, newCustomers: 1, arpu: 8000, cac: 16000 });
    expect(usd("2026-03").mrr).toBe(20000);
  });

  it("MRR and ARR normalise the yearly plan to a twelfth", () => {
    expect([1, 2, 3, 4, 5, 6].map((m) => usd(`2026-0${m}`).mrr)).toEqual([10000, 25000, 20000, 40000, 45000, 45000]);
    expect(usd("2026-02").arr).toBe(300000);
  });

  it("ARPU = MRR ÷ paying customers", () => {
    expect([1, 2, 3, 4, 5, 6].map((m) => usd(`2026-0${m}`).arpu)).toEqual([10000, 8333, 10000, 13333, 11250, 11250]);
  });

  it("logo and revenue churn: C churns in March, and its return in May is a reactivation, not churn relief", () => {
    expect(usd("2026-03")).toMatchObject({
      startCustomers: 3,
      churnedCustomers: 1,
      logoChurn: 0.3333,
      startMrr: 25000,
      revenueChurn: 0.2,
      nrr: 0.8,
    });
    expect(usd("2026-05")).toMatchObject({ reactivatedCustomers: 1, newCustomers: 0, logoChurn: 0, nrr: 1 });
  });

  it("NRR counts only the start customers: A's expansion lifts April, F (new) does not", () => {
    expect(usd("2026-04")).toMatchObject({ startMrr: 20000, nrr: 1.5, newCustomers: 1, revenueChurn: 0 });
  });

  it("LTV = ARPU ÷ logo churn pooled over three months; null when nobody churned", () => {
    expect(usd("2026-03")).toMatchObject({ ltvChurn: 0.25, ltv: 40000 });
    expect(usd("2026-04")).toMatchObject({ ltvChurn: 0.1667, ltv: 80000 });
    expect(usd("2026-05").ltv).toBe(90000);
    expect(usd("2026-06").ltv).toBeNull();
    expect(usd("2026-02").ltv).toBeNull();
  });

  it("observed LTV nets the refund: cash to date ÷ customers who ever paid", () => {
    expect(usd("2026-03").ltvObserved).toBe(46667); // (30000 + 120000 + 10000 − 20000) ÷ 3
    expect(usd("2026-06").ltvObserved).toBe(57500); // (250000 − 20000) ÷ 4
    expect(usd("2026-03")).toMatchObject({ cashCollected: 15000, refunds: 20000, netRevenue: -5000 });
  });

  it("CAC = spend ÷ new customers, blended and per channel; LTV:CAC", () => {
    expect(usd("2026-01")).toMatchObject({ spend: 5000, cac: 5000, ltvCac: null });
    expect(usd("2026-02")).toMatchObject({ spend: 40000, newCustomers: 2, cac: 20000 });
    expect(usd("2026-03")).toMatchObject({ spend: 15000, newCustomers: 0, cac: null, ltvCac: null });
    expect(usd("2026-04")).toMatchObject({ cac: 20000, ltv: 80000, ltvCac: 4 });
    const feb = report.channelCac.filter((c) => c.month === "2026-02");
    expect(feb).toEqual([
      { month: "2026-02", channel: "ads", currency: "usd", spend: 30000, newCustomers: 1, cac: 30000 },
      { month: "2026-02", channel: "content", currency: "usd", spend: 10000, newCustomers: 1, cac: 10000 },
    ]);
  });
});

describe("conversion, cohorts and activity", () => {
  it("trial-to-paid by the month the trial started", () => {
    expect(report.trials).toEqual([
      { month: "2026-01", trials: 1, converted: 1, rate: 1 },
      { month: "2026-03", trials: 2, converted: 1, rate: 0.5 },
    ]);
  });

  it("cohort retention by signup month: workspaces with any active member in each later month", () => {
    expect(report.cohorts.map((c) => [c.month, c.size, c.retained])).toEqual([
      ["2026-01", 2, [2, 1, 2, 1, 1, 1]],
      ["2026-02", 1, [1, 0, 0, 1, 0]],
      ["2026-03", 2, [2, 1, 0, 0]],
      ["2026-04", 1, [1, 0, 1]],
    ]);
    expect(report.cohorts[0]?.rates).toEqual([1, 0.5, 1, 0.5, 0.5, 0.5]);
  });

  it("average DAU, MAU and stickiness per month; a user in two workspaces counts once", () => {
    expect(report.activity[0]).toEqual({ month: "2026-01", averageDau: 0.06, mau: 2, stickiness: 0.0323 });
    expect(report.activity[5]).toEqual({ month: "2026-06", averageDau: 0.07, mau: 2, stickiness: 0.0333 });
  });

  it("daily DAU with a trailing 30-day MAU", () => {
    const days = activityDays(input.activity, "2026-06-01", "2026-06-06");
    expect(days.find((d) => d.day === "2026-06-06")).toEqual({
      day: "2026-06-06",
      dau: 1,
      mau30: 3,
      stickiness: 0.3333,
    });
    expect(days.find((d) => d.day === "2026-06-03")).toEqual({ day: "2026-06-03", dau: 0, mau30: 3, stickiness: 0 });
  });

  it("counts from the database's summary (what the loader reads) agree with the raw rows", () => {
    const summarised = computeKpis(
      { ...input, activity: [], activitySummary: summariseActivity(input.activity) },
      { from: "2026-01", to: "2026-06" },
    );
    expect(summarised.activity).toEqual(report.activity);
    expect(summarised.cohorts).toEqual(report.cohorts);
  });

  it("refuses a range that ends before it starts", () => {
    expect(() => computeKpis(input, { from: "2026-05", to: "2026-01" })).toThrow(RangeError);
  });
});

// The Done-when's edge cases once more, where they meet (four months):
// G  usd monthly 40.00 from Jan 5, cancels Feb 20; back on a yearly 600.00 plan Apr 3 (MRR 50.00)
// H  eur yearly 960.00 from Jan 15 (MRR 80.00); half refunded (480.00) Feb 20; cancels Mar 1
// J  usd monthly 30.00 from Jan 10; moves to eur 28.00 on Mar 10 (churns in usd, new in eur)
describe("a yearly reactivation, a refund in the second currency, a currency move", () => {
  const edge = computeKpis(
    {
      versions: [
        v("G", "g", "2026-01-05", "ACTIVE", 4000),
        v("G", "g", "2026-02-20", "CANCELED", 0),
        v("G", "g2", "2026-04-03", "ACTIVE", 5000), // yearly 60000 ÷ 12
        v("H", "h", "2026-01-15", "ACTIVE", 8000, "eur"), // yearly 96000 ÷ 12
        v("H", "h", "2026-03-01", "CANCELED", 0, "eur"),
        v("J", "j", "2026-01-10", "ACTIVE", 3000),
        v("J", "j", "2026-03-10", "CANCELED", 0),
        v("J", "j2", "2026-03-10", "ACTIVE", 2800, "eur"),
      ],
      payments: [
        pay("G", "2026-01-05", 4000),
        pay("J", "2026-01-10", 3000),
        pay("J", "2026-02-10", 3000),
        pay("G", "2026-04-03", 60000),
        pay("H", "2026-01-15", 96000, "eur"),
        pay("J", "2026-03-10", 2800, "eur"),
      ],
      refunds: [pay("H", "2026-02-20", 48000, "eur")],
      tenants: [],
      spend: [],
      activity: [],
    },
    { from: "2026-01", to: "2026-04" },
  );
  const month = (currency: string, m: string) =>
    edge.currencies.find((c) => c.currency === currency)!.months.find((row) => row.month === m)!;

  it("usd: G churns in February and its yearly return in April is a reactivation at a twelfth", () => {
    expect(month("usd", "2026-01")).toMatchObject({ mrr: 7000, customers: 2, newCustomers: 2 });
    // Feb: 2 customers at January's end, G leaves → 1/2; churned MRR 40 of 70.
    expect(month("usd", "2026-02")).toMatchObject({
      mrr: 3000,
      customers: 1,
      churnedCustomers: 1,
      logoChurn: 0.5,
      revenueChurn: 0.5714,
      refunds: 0, // the eur refund never reaches usd
    });
    // Mar: J moves to eur: in usd it churns (1 of 1).
    expect(month("usd", "2026-03")).toMatchObject({ mrr: 0, customers: 0, churnedCustomers: 1, logoChurn: 1 });
    expect(month("usd", "2026-04")).toMatchObject({
      mrr: 5000,
      arr: 60000,
      customers: 1,
      reactivatedCustomers: 1,
      newCustomers: 0,
      startMrr: 0,
      nrr: null,
      cashCollected: 60000,
    });
  });

  it("eur: the partial refund lowers cash and observed LTV, never MRR; J arrives as new, H churns", () => {
    expect(month("eur", "2026-01")).toMatchObject({ mrr: 8000, arr: 96000, newCustomers: 1, cashCollected: 96000 });
    expect(month("eur", "2026-02")).toMatchObject({
      mrr: 8000,
      cashCollected: 0,
      refunds: 48000,
      netRevenue: -48000,
      ltvObserved: 48000, // (960 − 480) ÷ one payer
    });
    expect(month("eur", "2026-03")).toMatchObject({
      mrr: 2800,
      customers: 1,
      newCustomers: 1,
      reactivatedCustomers: 0,
      churnedCustomers: 1,
      logoChurn: 1,
      nrr: 0,
    });
  });
});
