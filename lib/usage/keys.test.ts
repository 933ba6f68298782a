import { describe, expect, it } from "vitest";

import { minuteTag } from "../analytics/keys";
import { hourTag, monthTag, slotTag } from "./keys";

describe("time tags", () => {
  it("match a fresh formatting at every boundary, in any order of calls", () => {
    const instants = [
      "2026-12-31T23:59:59.999Z",
      "2027-01-01T00:00:00.000Z",
      "2026-12-31T23:00:00.000Z",
      "2026-12-31T22:59:59.999Z",
      "2027-01-01T00:00:59.999Z",
      "2027-01-01T00:01:00.000Z",
      "2026-02-28T23:30:00.000Z",
      "2026-03-01T00:00:00.000Z",
      "1969-12-31T23:59:59.000Z",
      "1970-01-01T00:00:00.000Z",
    ].map((iso) => new Date(iso));
    for (const at of [...instants, ...instants.toReversed()]) {
      const iso = at.toISOString();
      expect(hourTag(at)).toBe(iso.slice(0, 13).replace(/[-T]/g, ""));
      expect(monthTag(at)).toBe(iso.slice(0, 7).replace("-", ""));
      expect(minuteTag(at)).toBe(iso.slice(0, 16).replace(/[-T:]/g, ""));
    }
  });

  it("formats once per slot", () => {
    let calls = 0;
    const tag = slotTag(1000, (at) => `${++calls}:${Math.floor(at.getTime() / 1000)}`);
    expect(tag(new Date(5_000))).toBe("1:5");
    expect(tag(new Date(5_999))).toBe("1:5");
    expect(tag(new Date(6_000))).toBe("2:6");
    expect(tag(new Date(5_500))).toBe("3:5");
  });

  it("still refuses an invalid date", () => {
    expect(() => hourTag(new Date(Number.NaN))).toThrow(RangeError);
  });
});
