import { describe, expect, it } from "vitest";

import { addDays, addHours, addInterval, addMonths, DAY_MS, HOUR_MS } from "./calendar";

describe("calendar", () => {
  it("clamps month ends instead of spilling into the next month", () => {
    expect(addMonths(new Date("2026-01-31T10:20:30.456Z"), 1).toISOString()).toBe("2026-02-28T10:20:30.456Z");
    expect(addMonths(new Date("2028-01-31T00:00:00Z"), 1).toISOString()).toBe("2028-02-29T00:00:00.000Z");
    expect(addMonths(new Date("2026-03-31T00:00:00Z"), -1).toISOString()).toBe("2026-02-28T00:00:00.000Z");
    expect(addMonths(new Date("2026-12-15T00:00:00Z"), 2).toISOString()).toBe("2027-02-15T00:00:00.000Z");
  });

  it("adds billing intervals: a month, or twelve for a year, counted from the start", () => {
    const start = new Date("2028-02-29T12:00:00Z");
    expect(addInterval(start, "MONTH").toISOString()).toBe("2028-03-29T12:00:00.000Z");
    expect(addInterval(start, "YEAR").toISOString()).toBe("2029-02-28T12:00:00.000Z");
    expect(addInterval(new Date("2026-01-31T00:00:00Z"), "MONTH", 3).toISOString()).toBe("2026-04-30T00:00:00.000Z");
  });

  it("does day and hour arithmetic in exact milliseconds", () => {
    const at = new Date("2026-03-28T23:30:00Z");
    expect(addDays(at, 2).getTime() - at.getTime()).toBe(2 * DAY_MS);
    expect(addDays(at, -1).toISOString()).toBe("2026-03-27T23:30:00.000Z");
    expect(addHours(at, 1).getTime() - at.getTime()).toBe(HOUR_MS);
  });
});
