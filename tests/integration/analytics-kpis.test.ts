// The platform KPIs end to end on a seeded history in PostgreSQL: the billing ledger's rows
// (subscription versions priced through lib/billing/mrr, so the yearly plan is normalised by the
// code the ledger uses; payments; a refund), workspaces with acquisition channels, acquisition
// spend entered through the operator's form function, and active members. Every expected value is
// computed by hand below. On a database of this file's own, so the platform-wide reads (the
// revenue rollups the triggers keep, no tenant filter) see this history only: every expectation is
// checked on them, and they are checked equal to the KPIs computed from the tenants' own rows.
//
// A  usd monthly 100.00 from Jan 10; upgrades to 200.00 on Apr 15                    (ads)
// B  usd trial from Jan 20; yearly 1,200.00 from Feb 3 (MRR 100.00); 200.00 refunded Mar 10 (content)
// C  usd monthly 50.00 from Feb 1; cancels Mar 15 (churn); new subscription May 10 (reactivation) (ads)
// D  eur trial from Mar 1; monthly 80.00 from Mar 15                                     (ads)
// E  usd trial from Mar 5 that expires unpaid on Mar 19                                  (no channel)
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  deleteAcquisitionSpend,
  listAcquisitionSpend,
  parseSpendAmount,
  setAcquisitionSpend,
} from "@/lib/analytics/acquisition";
import { loadPlatformKpis } from "@/lib/analytics/kpis";
import { mrrOf } from "@/lib/billing/mrr";
import type { BillingInterval, SubscriptionStatus } from "@/lib/db/generated/enums";
import { isAppError } from "@/lib/errors";

import { uniq } from "../helpers/db";
import { openIsolatedDb, type IsolatedDb } from "../helpers/isolated-db";
import { testOperator } from "../helpers/operator";

let t: IsolatedDb;
const operator = testOperator("kpi-operator");
const ids: Record<string, string> = {};
const at = (day: string) => new Date(`${day}T12:00:00Z`);
const NOW = at("2018-06-20");

async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error) && error.code === "validation_failed") return error.details as Record<string, string[]>;
    throw error;
  }
  throw new Error("expected a validation error");
}

beforeAll(async () => {
  t = await openIsolatedDb();
  const db = t.db;
  const channels: Record<string, string | null> = { A: "ads", B: "content", C: "ads", D: "ads", E: null };
  const created: Record<string, string> = {
    A: "2018-01-05",
    B: "2018-01-20",
    C: "2018-02-01",
    D: "2018-03-01",
    E: "2018-03-05",
  };
  for (const key of Object.keys(channels)) {
    const tenant = await db.tenant.create({
      data: {
        name: `KPI ${key}`,
        slug: uniq(`kpi-${key.toLowerCase()}`),
        createdAt: at(created[key]!),
        acquisitionChannel: channels[key],
      },
    });
    ids[key] = tenant.id;
  }

  type V = [day: string, status: SubscriptionStatus, interval: BillingInterval, amount: number];
  const subscription = async (key: string, sub: string, currency: string, versions: V[]) => {
    const tenantId = ids[key]!;
    await db.subscription.create({
      data: {
        tenantId,
        id: `${tenantId}-${sub}`,
        provider: "LOCAL",
        providerId: uniq(`kpi_sub_${sub}`),
        tier: "STARTER",
        interval: versions.at(-1)![2],
        status: versions.at(-1)![1],
        currency,
        unitAmount: versions.at(-1)![3],
        providerCreatedAt: at(versions[0]![0]),
        providerUpdatedAt: at(versions.at(-1)![0]),
      },
    });
    await db.subscriptionVersion.createMany({
      data: versions.map(([day, status, interval, amount]) => ({
        tenantId,
        subscriptionId: `${tenantId}-${sub}`,
        effectiveAt: at(day),
        tier: "STARTER" as const,
        interval,
        status,
        currency,
        unitAmount: amount,
        mrr: mrrOf(status, interval, amount),
      })),
    });
  };
  await subscription("A", "a", "usd", [
    ["2018-01-10", "ACTIVE", "MONTH", 10000],
    ["2018-04-15", "ACTIVE", "MONTH", 20000],
  ]);
  await subscription("B", "b", "usd", [
    ["2018-01-20", "TRIALING", "YEAR", 120000],
    ["2018-02-03", "ACTIVE", "YEAR", 120000],
  ]);
  await subscription("C", "c", "usd", [
    ["2018-02-01", "ACTIVE", "MONTH", 5000],
    ["2018-03-15", "CANCELED", "MONTH", 5000],
  ]);
  await subscription("C", "c2", "usd", [["2018-05-10", "ACTIVE", "MONTH", 5000]]);
  await subscription("D", "d", "eur", [
    ["2018-03-01", "TRIALING", "MONTH", 8000],
    ["2018-03-15", "ACTIVE", "MONTH", 8000],
  ]);
  await subscription("E", "e", "usd", [
    ["2018-03-05", "TRIALING", "MONTH", 5000],
    ["2018-03-19", "EXPIRED", "MONTH", 5000],
  ]);

  const pay = (key: string, day: string, amount: number, currency = "usd") => ({
    tenantId: ids[key]!,
    provider: "LOCAL" as const,
    providerId: uniq("kpi_pay"),
    status: "SUCCEEDED" as const,
    currency,
    amount,
    paidAt: at(day),
    providerCreatedAt: at(day),
    providerUpdatedAt: at(day),
  });
  const bPayment = pay("B", "2018-02-03", 120000);
  await db.payment.createMany({
    data: [
      ...["01", "02", "03", "04"].map((m) => pay("A", `2018-${m}-10`, 10000)),
      pay("A", "2018-05-10", 20000),
      pay("A", "2018-06-10", 20000),
      bPayment,
      pay("C", "2018-02-01", 5000),
      pay("C", "2018-03-01", 5000),
      pay("C", "2018-05-10", 5000),
      pay("C", "2018-06-10", 5000),
      ...["03", "04", "05", "06"].map((m) => pay("D", `2018-${m}-15`, 8000, "eur")),
      // A failed payment never counts.
      { ...pay("E", "2018-03-19", 5000), status: "FAILED" as const },
    ],
  });
  await db.refund.create({
    data: {
      tenantId: ids.B!,
      provider: "LOCAL",
      providerId: uniq("kpi_refund"),
      paymentProviderId: bPayment.providerId,
      currency: "usd",
      amount: 20000,
      providerCreatedAt: at("2018-03-10"),
    },
  });

  const act = (key: string, user: string, day: string) => ({ tenantId: ids[key]!, userId: user, day: at(day) });
  await db.analyticsActiveUser.createMany({
    data: [
      ...["01-05", "02-02", "03-03", "04-04", "05-05", "06-06"].map((d) => act("A", "kpi-u1", `2018-${d}`)),
      act("B", "kpi-u2", "2018-01-20"),
      act("B", "kpi-u2", "2018-03-10"),
      act("C", "kpi-u3", "2018-02-01"),
      act("C", "kpi-u3", "2018-05-10"),
      act("D", "kpi-u4", "2018-03-01"),
      act("D", "kpi-u4", "2018-04-01"),
      act("E", "kpi-u5", "2018-03-05"),
    ],
  });

  // Spend as the operator enters it on /admin/analytics (major units, any case).
  for (const [month, channel, currency, amount] of [
    ["2018-01", "ads", "usd", "50"],
    ["2018-02", "Ads", "USD", "300.00"],
    ["2018-02", "content", "usd", "100"],
    ["2018-03", "ads", "eur", "160.00"],
    ["2018-04", "ads", "usd", "1,000.5"],
  ] as const) {
    await setAcquisitionSpend(operator, { month, channel, currency, amount }, NOW);
  }
}, 120_000);

afterAll(async () => {
  await t.close();
});

/** The platform's KPIs as /admin/analytics reads them: from the rollups. */
const kpis = () => loadPlatformKpis(operator, { from: "2018-01", to: "2018-06", now: NOW });

describe("platform KPIs on a seeded ledger", () => {
  it("read from the rollups, they equal the KPIs computed from the ledger's own rows", async () => {
    const fromRows = await loadPlatformKpis(operator, {
      from: "2018-01",
      to: "2018-06",
      now: NOW,
      tenantIds: Object.values(ids),
    });
    expect(await kpis()).toEqual(fromRows);
    expect(fromRows.currencies.map((c) => c.currency)).toEqual(["eur", "usd"]);
  });

  it("MRR normalises the yearly plan, per currency, with no FX", async () => {
    const report = await kpis();
    const usd = report.currencies.find((c) => c.currency === "usd")!.months;
    const eur = report.currencies.find((c) => c.currency === "eur")!.months;
    // Jan: A 100 (B trialing). Feb: A 100 + B 1200/12 + C 50. Mar: C churned. Apr: A 200.
    // May and Jun: C back with 50.
    expect(usd.map((m) => m.mrr)).toEqual([10000, 25000, 20000, 30000, 35000, 35000]);
    expect(usd.map((m) => m.arr)).toEqual([120000, 300000, 240000, 360000, 420000, 420000]);
    expect(usd.map((m) => m.customers)).toEqual([1, 3, 2, 2, 3, 3]);
    expect(usd.map((m) => m.arpu)).toEqual([10000, 8333, 10000, 15000, 11667, 11667]);
    expect(eur.find((m) => m.month === "2018-03")).toMatchObject({ mrr: 8000, customers: 1, newCustomers: 1 });
    expect(eur.find((m) => m.month === "2018-02")).toMatchObject({ mrr: 0, customers: 0 });
  });

  it("the churned customer churns once; its return is a reactivation, not a new customer", async () => {
    const usd = (await kpis()).currencies.find((c) => c.currency === "usd")!.months;
    const month = (key: string) => usd.find((m) => m.month === key)!;
    // March: 3 customers at Feb's end (A, B, C), C leaves → 1/3; churned MRR 50 of 250.
    expect(month("2018-03")).toMatchObject({
      startCustomers: 3,
      churnedCustomers: 1,
      logoChurn: 0.3333,
      revenueChurn: 0.2,
      nrr: 0.8,
    });
    // April: A expands 100 → 200: NRR (200 + 100) ÷ 200.
    expect(month("2018-04")).toMatchObject({ startMrr: 20000, nrr: 1.5, logoChurn: 0, newCustomers: 0 });
    expect(month("2018-05")).toMatchObject({ reactivatedCustomers: 1, newCustomers: 0, churnedCustomers: 0 });
  });

  it("the refund lowers cash and observed LTV, never MRR", async () => {
    const usd = (await kpis()).currencies.find((c) => c.currency === "usd")!.months;
    const march = usd.find((m) => m.month === "2018-03")!;
    // March cash: A 100 + C 50 = 150; refund 200 → net −50. MRR stays 200 (A 100 + B 100).
    expect(march).toMatchObject({ cashCollected: 15000, refunds: 20000, netRevenue: -5000, mrr: 20000 });
    // Observed LTV at March's end: (A 300 + B 1200 + C 100 − 200) ÷ 3 payers = 466.67.
    expect(march.ltvObserved).toBe(46667);
    // At June's end: (A 800 + B 1200 + C 200 − 200) ÷ 3 = 666.67 (E's failed payment never counts).
    expect(usd.find((m) => m.month === "2018-06")!.ltvObserved).toBe(66667);
  });

  it("CAC from the spend entered on the form: blended, per channel, and LTV:CAC", async () => {
    const report = await kpis();
    const usd = report.currencies.find((c) => c.currency === "usd")!.months;
    const month = (key: string) => usd.find((m) => m.month === key)!;
    expect(month("2018-01")).toMatchObject({ spend: 5000, newCustomers: 1, cac: 5000 });
    // February: 400 spent (ads 300 + content 100), B and C new → 200 each.
    expect(month("2018-02")).toMatchObject({ spend: 40000, newCustomers: 2, cac: 20000 });
    // April: 1,000.50 spent and nobody new → no CAC, no LTV:CAC.
    expect(month("2018-04")).toMatchObject({ spend: 100050, newCustomers: 0, cac: null, ltvCac: null });
    // March LTV: ARPU 100 ÷ pooled churn (1 of 1+3 start customers over Jan–Mar) = 400; no CAC in usd.
    expect(month("2018-03")).toMatchObject({ ltv: 40000, cac: null });
    const eurMarch = report.currencies.find((c) => c.currency === "eur")!.months.find((m) => m.month === "2018-03")!;
    expect(eurMarch).toMatchObject({ spend: 16000, cac: 16000 });
    expect(report.channelCac.filter((c) => c.month === "2018-02")).toEqual([
      { month: "2018-02", channel: "ads", currency: "usd", spend: 30000, newCustomers: 1, cac: 30000 },
      { month: "2018-02", channel: "content", currency: "usd", spend: 10000, newCustomers: 1, cac: 10000 },
    ]);
  });

  it("trial conversion: B converted, E expired unpaid, D converted (eur)", async () => {
    const report = await kpis();
    expect(report.trials).toEqual([
      { month: "2018-01", trials: 1, converted: 1, rate: 1 },
      { month: "2018-03", trials: 2, converted: 1, rate: 0.5 },
    ]);
  });
});

describe("activity KPIs counted by the database", () => {
  it("MAU, average DAU and stickiness per month, and workspace cohorts by signup month", async () => {
    const report = await kpis();
    expect(report.activity.map((m) => m.mau)).toEqual([2, 2, 4, 2, 2, 1]);
    // January: one user on the 5th, another on the 20th → 2 user-days over 31 days, 2 users.
    expect(report.activity[0]).toEqual({ month: "2018-01", averageDau: 0.06, mau: 2, stickiness: 0.0323 });
    expect(report.cohorts.map((c) => [c.month, c.size, c.retained])).toEqual([
      ["2018-01", 2, [2, 1, 2, 1, 1, 1]],
      ["2018-02", 1, [1, 0, 0, 1, 0]],
      ["2018-03", 2, [2, 1, 0, 0]],
    ]);
  });
});

describe("acquisition spend entry", () => {
  it("normalises what the operator typed and lists it newest first", async () => {
    expect(parseSpendAmount("1,000.5", "usd")).toBe(100050);
    expect(parseSpendAmount("0", "usd")).toBe(0);
    expect(parseSpendAmount("1.234", "usd")).toBeNull();
    expect(parseSpendAmount("-5", "usd")).toBeNull();
    const rows = (await listAcquisitionSpend(operator)).filter((r) => r.month.startsWith("2018-"));
    expect(rows.map((r) => `${r.month} ${r.channel} ${r.currency} ${r.amount}`)).toEqual([
      "2018-04 ads usd 100050",
      "2018-03 ads eur 16000",
      "2018-02 ads usd 30000",
      "2018-02 content usd 10000",
      "2018-01 ads usd 5000",
    ]);
  });

  it("setting a month and channel again replaces its amount, and each change is audited", async () => {
    await setAcquisitionSpend(operator, { month: "2018-05", channel: "events", currency: "usd", amount: "10" }, NOW);
    await setAcquisitionSpend(operator, { month: "2018-05", channel: "events", currency: "usd", amount: "25" }, NOW);
    const row = (await listAcquisitionSpend(operator)).find((r) => r.month === "2018-05" && r.channel === "events")!;
    expect(row.amount).toBe(2500);
    const audit = await t.db.platformAuditLog.findMany({
      where: { action: { startsWith: "analytics.spend." }, target: "2018-05/events/usd" },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((a) => [a.action, a.actorId, a.details])).toEqual([
      ["analytics.spend.set", operator.id, { amount: 1000, previous: null, note: null }],
      ["analytics.spend.set", operator.id, { amount: 2500, previous: 1000, note: null }],
    ]);
    await deleteAcquisitionSpend(operator, row.id);
    expect((await listAcquisitionSpend(operator)).some((r) => r.id === row.id)).toBe(false);
    expect(
      await t.db.platformAuditLog.count({ where: { action: "analytics.spend.deleted", target: "2018-05/events/usd" } }),
    ).toBe(1);
  });

  it("refuses bad input with field errors and writes nothing", async () => {
    const before = await t.db.acquisitionSpend.count();
    const auditBefore = await t.db.platformAuditLog.count();
    expect(
      await fieldErrorsOf(
        setAcquisitionSpend(operator, { month: "2018-13", channel: "a b", currency: "gbp", amount: "1.234" }, NOW),
      ),
    ).toMatchObject({ month: [expect.any(String)], channel: [expect.any(String)], currency: [expect.any(String)] });
    expect(
      await fieldErrorsOf(
        setAcquisitionSpend(operator, { month: "2018-01", channel: "ads", currency: "usd", amount: "-1" }, NOW),
      ),
    ).toMatchObject({ amount: [expect.any(String)] });
    expect(
      await fieldErrorsOf(
        setAcquisitionSpend(operator, { month: "2018-07", channel: "ads", currency: "usd", amount: "1" }, NOW),
      ),
    ).toMatchObject({ month: ["Spend is entered for this month or earlier."] });
    expect(await t.db.acquisitionSpend.count()).toBe(before);
    expect(await t.db.platformAuditLog.count()).toBe(auditBefore);
  });

  it("is the operator's alone", async () => {
    const notOperator = { ...operator, isPlatformAdmin: false } as unknown as typeof operator;
    await expect(listAcquisitionSpend(notOperator)).rejects.toThrow();
    await expect(
      setAcquisitionSpend(notOperator, { month: "2018-01", channel: "ads", currency: "usd", amount: "1" }, NOW),
    ).rejects.toThrow();
    await expect(deleteAcquisitionSpend(operator, "no-such-entry")).rejects.toMatchObject({ code: "not_found" });
  });
});
