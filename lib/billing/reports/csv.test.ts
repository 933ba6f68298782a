import { describe, expect, it } from "vitest";

import { csvField, majorUnits, revenueCsv, toCsv, REVENUE_CSV_HEADER } from "./csv";
import { computeRevenueReport } from "./revenue-math";

describe("csvField and toCsv (RFC 4180)", () => {
  it("quotes only fields that need it and doubles quotes", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\rhere")).toBe('"cr\rhere"');
    expect(csvField(42)).toBe("42");
    expect(csvField(null)).toBe("");
    expect(csvField("")).toBe("");
  });

  it("ends every line, the last included, with CRLF", () => {
    expect(
      toCsv(
        ["name", "note"],
        [
          ["Acme, Inc.", 'the "best"'],
          ["Beta", null],
        ],
      ),
    ).toBe('name,note\r\n"Acme, Inc.","the ""best"""\r\nBeta,\r\n');
    expect(toCsv(["only"], [])).toBe("only\r\n");
  });
});

describe("majorUnits", () => {
  it("writes exact decimals for two-decimal currencies and whole units for zero-decimal ones", () => {
    expect(majorUnits(2_900, "usd")).toBe("29.00");
    expect(majorUnits(2_417, "eur")).toBe("24.17");
    expect(majorUnits(5, "usd")).toBe("0.05");
    expect(majorUnits(-5, "usd")).toBe("-0.05");
    expect(majorUnits(-123_456, "usd")).toBe("-1234.56");
    expect(majorUnits(0, "usd")).toBe("0.00");
    expect(majorUnits(500, "jpy")).toBe("500");
    expect(majorUnits(-500, "JPY")).toBe("-500");
    expect(() => majorUnits(1.5, "usd")).toThrow(RangeError);
  });
});

describe("revenueCsv", () => {
  const report = computeRevenueReport(
    {
      versions: [
        {
          tenantId: "t1",
          subscriptionId: "s1",
          effectiveAt: new Date("2026-01-05T00:00:00Z"),
          currency: "usd",
          mrr: 2_900,
        },
        {
          tenantId: "t1",
          subscriptionId: "s1",
          effectiveAt: new Date("2026-02-05T00:00:00Z"),
          currency: "usd",
          mrr: 9_900,
        },
        {
          tenantId: "t2",
          subscriptionId: "s2",
          effectiveAt: new Date("2026-02-05T00:00:00Z"),
          currency: "eur",
          mrr: 2_700,
        },
      ],
      payments: [{ currency: "usd", amount: 2_900, at: new Date("2026-01-05T00:00:00Z") }],
      refunds: [{ currency: "usd", amount: 1_000, at: new Date("2026-02-10T00:00:00Z") }],
    },
    { from: "2026-01", to: "2026-02" },
  );

  it("writes one line per currency and month with amounts in major units", () => {
    const lines = revenueCsv(report).split("\r\n");
    expect(lines[0]).toBe(REVENUE_CSV_HEADER.join(","));
    expect(lines[0]).toBe(
      "month,currency,mrr,arr,previous_mrr,new,reactivation,expansion,contraction,churn,net_new_mrr,mom_change,mom_percent,customers,cash_collected,refunds,net_revenue",
    );
    expect(lines.slice(1)).toEqual([
      "2026-01,eur,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,,0,0.00,0.00,0.00",
      "2026-02,eur,27.00,324.00,0.00,27.00,0.00,0.00,0.00,0.00,27.00,27.00,,1,0.00,0.00,0.00",
      "2026-01,usd,29.00,348.00,0.00,29.00,0.00,0.00,0.00,0.00,29.00,29.00,,1,29.00,0.00,29.00",
      "2026-02,usd,99.00,1188.00,29.00,0.00,0.00,70.00,0.00,0.00,70.00,70.00,241.38,1,0.00,10.00,-10.00",
      "",
    ]);
  });

  it("keeps only the asked currency, and only the header for one without data", () => {
    const lines = revenueCsv(report, "eur").trimEnd().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).every((line) => line.split(",")[1] === "eur")).toBe(true);
    expect(revenueCsv(report, "gbp")).toBe(`${REVENUE_CSV_HEADER.join(",")}\r\n`);
  });
});
