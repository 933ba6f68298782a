// Proration with hand-computed figures: credit the unused old price, charge the remaining new
// price, to the second, rounded to minor units; an interval switch restarts the period.
import { describe, expect, it } from "vitest";

import { addInterval } from "@/lib/calendar";

import { prorate, type ProrationSubject } from "./proration";
import { at as nth } from "@/tests/helpers/indexed";

const at = (iso: string) => new Date(iso);

function monthly(overrides: Partial<ProrationSubject> = {}): ProrationSubject {
  return {
    tier: "STARTER",
    interval: "MONTH",
    currency: "usd",
    unitAmount: 2_900,
    // A 30-day period.
    currentPeriodStart: at("2026-04-01T00:00:00Z"),
    currentPeriodEnd: at("2026-05-01T00:00:00Z"),
    ...overrides,
  };
}

describe("prorate", () => {
  it("upgrades Starter $29 to Professional $99 halfway through a 30-day month: -$14.50 + $49.50 = $35.00", () => {
    const result = prorate(monthly(), { tier: "PROFESSIONAL", interval: "MONTH" }, at("2026-04-16T00:00:00Z"));
    expect(result.credit).toBe(-1_450);
    expect(result.charge).toBe(4_950);
    expect(result.dueNow).toBe(3_500);
    expect(result.lines.map((line) => line.amount)).toEqual([-1_450, 4_950]);
    expect(nth(result.lines, 0).description).toMatch(/^Unused time on Starter \(monthly\)/);
    expect(nth(result.lines, 1).description).toMatch(/^Remaining time on Professional \(monthly\)/);
    expect(result.nextAmount).toBe(9_900);
    expect(result.restartsPeriod).toBe(false);
    expect(result.periodStart).toEqual(at("2026-04-01T00:00:00Z"));
    expect(result.nextBillingAt).toEqual(at("2026-05-01T00:00:00Z"));
  });

  it("gives a credit on a downgrade: 10 of 30 days left, Professional → Starter = -$33.00 + $9.67 = -$23.33", () => {
    const pro = monthly({ tier: "PROFESSIONAL", unitAmount: 9_900 });
    const result = prorate(pro, { tier: "STARTER", interval: "MONTH" }, at("2026-04-21T00:00:00Z"));
    // 9900 × 10/30 = 3300; 2900 × 10/30 = 966.67 → 967.
    expect(result.credit).toBe(-3_300);
    expect(result.charge).toBe(967);
    expect(result.dueNow).toBe(-2_333);
    expect(result.nextAmount).toBe(2_900);
  });

  it("measures to the second and rounds each part to minor units", () => {
    // February 2026 has 28 days; 4 days and 1 second are left: 345,601 of 2,419,200 seconds.
    const feb = monthly({
      currentPeriodStart: at("2026-02-01T00:00:00Z"),
      currentPeriodEnd: at("2026-03-01T00:00:00Z"),
    });
    const result = prorate(feb, { tier: "PROFESSIONAL", interval: "MONTH" }, at("2026-02-24T23:59:59Z"));
    // 2900 × 345601/2419200 = 414.2869… → 414; 9900 × 345601/2419200 = 1414.2898… → 1414.
    expect(result.credit).toBe(-414);
    expect(result.charge).toBe(1_414);
    expect(result.dueNow).toBe(1_000);
  });

  it("switches monthly to yearly: a new period from now, the full yearly price minus the unused month", () => {
    const pro = monthly({ tier: "PROFESSIONAL", unitAmount: 9_900 });
    const now = at("2026-04-16T00:00:00Z");
    const result = prorate(pro, { tier: "PROFESSIONAL", interval: "YEAR" }, now);
    expect(result.credit).toBe(-4_950);
    expect(result.charge).toBe(99_000);
    expect(result.dueNow).toBe(94_050);
    expect(result.restartsPeriod).toBe(true);
    expect(result.periodStart).toEqual(now);
    expect(result.periodEnd).toEqual(at("2027-04-16T00:00:00Z"));
    expect(result.nextBillingAt).toEqual(at("2027-04-16T00:00:00Z"));
    expect(nth(result.lines, 1).description).toMatch(/^Professional \(yearly\) from Apr 16, 2026 to Apr 16, 2027$/);
  });

  it("switches yearly to monthly: the unused 183 of 365 days exceed a month, leaving a credit", () => {
    const yearly: ProrationSubject = {
      tier: "PROFESSIONAL",
      interval: "YEAR",
      currency: "usd",
      unitAmount: 99_000,
      currentPeriodStart: at("2026-01-01T00:00:00Z"),
      currentPeriodEnd: at("2027-01-01T00:00:00Z"),
    };
    const result = prorate(yearly, { tier: "PROFESSIONAL", interval: "MONTH" }, at("2026-07-02T00:00:00Z"));
    // 99000 × 183/365 = 49635.6 → 49636.
    expect(result.credit).toBe(-49_636);
    expect(result.charge).toBe(9_900);
    expect(result.dueNow).toBe(-39_736);
    expect(result.periodEnd).toEqual(at("2026-08-02T00:00:00Z"));
  });

  it("prorates in euros at the euro prices", () => {
    const eur = monthly({ currency: "eur", unitAmount: 2_700 });
    const result = prorate(eur, { tier: "PROFESSIONAL", interval: "MONTH" }, at("2026-04-21T00:00:00Z"));
    // €27 × 10/30 = €9.00; €92 × 10/30 = €30.666… → €30.67.
    expect(result.currency).toBe("eur");
    expect(result.credit).toBe(-900);
    expect(result.charge).toBe(3_067);
    expect(result.dueNow).toBe(2_167);
    expect(result.nextAmount).toBe(9_200);
  });

  it("credits nothing once the period has ended and starts a new one", () => {
    const now = at("2026-05-03T00:00:00Z");
    const result = prorate(monthly(), { tier: "ENTERPRISE", interval: "MONTH" }, now);
    expect(result.credit).toBe(0);
    expect(Object.is(result.credit, 0)).toBe(true);
    expect(result.dueNow).toBe(49_900);
    expect(result.lines).toHaveLength(1);
    expect(result.periodStart).toEqual(now);
    expect(result.periodEnd).toEqual(at("2026-06-03T00:00:00Z"));
  });
});

describe("addInterval", () => {
  it("adds calendar months and years in UTC, clamping the day", () => {
    expect(addInterval(at("2026-01-31T10:00:00Z"), "MONTH")).toEqual(at("2026-02-28T10:00:00Z"));
    expect(addInterval(at("2026-03-31T00:00:00Z"), "MONTH")).toEqual(at("2026-04-30T00:00:00Z"));
    expect(addInterval(at("2026-12-15T00:00:00Z"), "MONTH")).toEqual(at("2027-01-15T00:00:00Z"));
    expect(addInterval(at("2028-02-29T00:00:00Z"), "YEAR")).toEqual(at("2029-02-28T00:00:00Z"));
  });
});
