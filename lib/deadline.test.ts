// withDeadline: the work's answer when it comes first (and no timer left behind to hold its
// closure and async context), the caller's DeadlineError when the deadline comes first.
import { afterEach, describe, expect, it, vi } from "vitest";

import { DeadlineError, withDeadline } from "./deadline";

afterEach(() => {
  vi.useRealTimers();
});

describe("withDeadline", () => {
  it("answers with the work and clears its timer at once", async () => {
    vi.useFakeTimers();
    await expect(withDeadline(Promise.resolve(42), 2_000)).resolves.toBe(42);
    await expect(withDeadline(Promise.reject(new Error("boom")), 2_000)).rejects.toThrow("boom");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects with a DeadlineError carrying the caller's message once the time passes first", async () => {
    vi.useFakeTimers();
    const late = withDeadline(new Promise(() => {}), 1_500, "redis timeout");
    const settled = expect(late).rejects.toThrow(new DeadlineError("redis timeout"));
    await vi.advanceTimersByTimeAsync(1_499);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await settled;
    await expect(late).rejects.toBeInstanceOf(DeadlineError);
    expect(vi.getTimerCount()).toBe(0);
  });
});
