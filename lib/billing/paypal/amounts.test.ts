import { describe, expect, it } from "vitest";

import { fromPaypalMoney, toMinorUnits, toPaypalMoney, toPaypalValue } from "./amounts";

describe("PayPal amounts", () => {
  it.each([
    ["29.00", "usd", 2_900],
    ["29", "usd", 2_900],
    ["29.5", "usd", 2_950],
    ["0.07", "eur", 7],
    ["1499.90", "eur", 149_990],
    ["-0.50", "usd", -50],
    ["29.000", "usd", 2_900],
    ["1500", "jpy", 1_500],
    ["1500.00", "jpy", 1_500],
    ["0.00", "usd", 0],
  ])("%s %s → %d minor units", (value, currency, minor) => {
    expect(toMinorUnits(value, currency)).toBe(minor);
  });

  it("is exact where floating point is not", () => {
    // 0.1 + 0.2 and 1.005 * 100 are the classic float traps.
    expect(toMinorUnits("0.30", "usd")).toBe(30);
    expect(toMinorUnits("1.01", "usd")).toBe(101);
    expect(toMinorUnits("4.35", "usd")).toBe(435);
    expect(toMinorUnits("9007199254740.99", "usd")).toBe(900_719_925_474_099);
  });

  it.each([
    ["29.005", "usd"],
    ["1.5", "jpy"],
    ["abc", "usd"],
    ["", "usd"],
    ["1e3", "usd"],
    ["99999999999999999", "usd"],
  ])("refuses %j %s", (value, currency) => {
    expect(() => toMinorUnits(value, currency)).toThrow();
  });

  it.each([
    [2_900, "usd", "29.00"],
    [7, "usd", "0.07"],
    [149_990, "eur", "1499.90"],
    [-50, "usd", "-0.50"],
    [0, "usd", "0.00"],
    [1_500, "jpy", "1500"],
  ])("%d %s → %s", (minor, currency, value) => {
    expect(toPaypalValue(minor, currency)).toBe(value);
    expect(toMinorUnits(value, currency)).toBe(minor);
  });

  it("refuses fractional minor units", () => {
    expect(() => toPaypalValue(1.5, "usd")).toThrow();
  });

  it("converts PayPal's money objects both ways", () => {
    expect(fromPaypalMoney({ currency_code: "EUR", value: "92.00" })).toEqual({ currency: "eur", amount: 9_200 });
    expect(toPaypalMoney(9_900, "usd")).toEqual({ currency_code: "USD", value: "99.00" });
  });
});
