import { describe, expect, it } from "vitest";

import {
  lenientRevenueQuery,
  pickCurrency,
  revenueCsvFilename,
  revenueQuerySchema,
  revenueRange,
  revenueSearch,
} from "./revenue-query";

const now = new Date("2026-11-28T12:00:00Z");

describe("revenue report parameters", () => {
  it("accepts a currency and a month range, and refuses malformed or reversed ones", () => {
    expect(revenueQuerySchema.parse({ currency: "eur", from: "2026-01", to: "2026-06" })).toEqual({
      currency: "eur",
      from: "2026-01",
      to: "2026-06",
    });
    for (const bad of [{ currency: "EUR" }, { currency: "euro" }, { from: "2026-13" }, { to: "2026-1" }]) {
      expect(revenueQuerySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(revenueQuerySchema.safeParse({ from: "2026-06", to: "2026-01" }).success).toBe(false);
  });

  it("lets the page keep what is valid and fall back to the default range otherwise", () => {
    expect(lenientRevenueQuery({ currency: "eur", from: "2026-01", to: "2026-03" }, now)).toEqual({
      currency: "eur",
      from: "2026-01",
      to: "2026-03",
    });
    expect(lenientRevenueQuery({ currency: "eur", from: "nonsense" }, now)).toEqual({ currency: "eur" });
    expect(lenientRevenueQuery({ currency: ["usd", "eur"] }, now)).toEqual({ currency: "usd" });
    expect(lenientRevenueQuery({ currency: "$$$", to: "2026-02" }, now)).toEqual({});
    // A start after the current month, or more than ten years, would make the loader refuse.
    expect(lenientRevenueQuery({ from: "2027-01" }, now)).toEqual({});
    expect(lenientRevenueQuery({ from: "2000-01", to: "2026-01" }, now)).toEqual({});
    expect(lenientRevenueQuery({ from: "2016-12", to: "2026-11" }, now)).toEqual({ from: "2016-12", to: "2026-11" });
  });

  it("builds the loader's range, the query string, the CSV file name and the default currency", () => {
    expect(revenueRange({ from: "2026-01", to: "2026-03" })).toEqual({
      from: new Date("2026-01-01T00:00:00Z"),
      to: new Date("2026-03-01T00:00:00Z"),
    });
    expect(revenueRange({})).toEqual({});
    expect(revenueSearch({ currency: "usd", from: "2026-01" })).toBe("?currency=usd&from=2026-01");
    expect(revenueSearch({})).toBe("");
    expect(revenueCsvFilename("2026-01", "2026-12", "usd")).toBe("tessera-revenue-usd-2026-01-to-2026-12.csv");
    expect(revenueCsvFilename("2026-01", "2026-12")).toBe("tessera-revenue-all-2026-01-to-2026-12.csv");
    expect(pickCurrency("eur", ["usd"])).toBe("eur");
    expect(pickCurrency(undefined, ["eur", "usd"])).toBe("usd");
    expect(pickCurrency(undefined, ["eur", "gbp"])).toBe("eur");
    expect(pickCurrency(undefined, [])).toBe("usd");
  });
});
