import { trace } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";

import { withLeafSpan, withSpan } from "./tracing";

describe("span helpers with tracing off (no provider registered)", () => {
  it("run the callback with a non-recording span and return its result", async () => {
    expect(trace.getActiveSpan()).toBeUndefined();
    const seen = await withSpan("work", { a: 1 }, async (span) => ({
      recording: span.isRecording(),
      valid: span.spanContext().traceId !== "00000000000000000000000000000000",
    }));
    expect(seen).toEqual({ recording: false, valid: false });
    await expect(withLeafSpan("leaf", {}, async () => 7)).resolves.toBe(7);
  });

  it("turn a callback's synchronous throw into a rejection", async () => {
    const boom = () => {
      throw new Error("boom");
    };
    const pending = withSpan("work", {}, boom as never);
    expect(pending).toBeInstanceOf(Promise);
    await expect(pending).rejects.toThrow("boom");
    await expect(withLeafSpan("leaf", {}, boom as never)).rejects.toThrow("boom");
  });
});
