import { describe, expect, it } from "vitest";

import { salePeriodEnd } from "./sales";

describe("salePeriodEnd", () => {
  it("clamps a month-end sale to the next month's last day, as local renewals do", () => {
    // Date.setUTCMonth overflowed here before: Jan 31 + 1 month was Mar 3.
    expect(salePeriodEnd(new Date("2026-01-31T10:00:00Z"), "MONTH")).toEqual(new Date("2026-02-28T10:00:00Z"));
    expect(salePeriodEnd(new Date("2028-01-31T10:00:00Z"), "MONTH")).toEqual(new Date("2028-02-29T10:00:00Z"));
  });

  it("moves a yearly sale on Feb 29 to Feb 28 of the next year", () => {
    expect(salePeriodEnd(new Date("2028-02-29T00:00:00Z"), "YEAR")).toEqual(new Date("2029-02-28T00:00:00Z"));
  });

  it("keeps an ordinary day and time", () => {
    expect(salePeriodEnd(new Date("2026-03-15T02:00:00Z"), "MONTH")).toEqual(new Date("2026-04-15T02:00:00Z"));
  });
});
