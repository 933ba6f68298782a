// Tessera's context manager (context-manager.ts) keeps the contract of the SDK's
// AsyncLocalStorageContextManager: the active context follows `with` into callbacks, timers and
// awaits and is restored after; bound functions and emitters run in their bound context, and
// removing a bound listener still works; a span frame reads as trace.setSpan's context does.
import { EventEmitter, once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";

import { ROOT_CONTEXT, createContextKey, trace } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";

import { LeanContextManager, withActiveSpan } from "./context-manager";

const KEY = createContextKey("tessera.test.key");
const OTHER = createContextKey("tessera.test.other");
const span = trace.wrapSpanContext({ traceId: "a".repeat(32), spanId: "b".repeat(16), traceFlags: 1 });

describe("LeanContextManager", () => {
  it("makes a context active inside with, across awaits and timers, and restores the previous one", async () => {
    const manager = new LeanContextManager();
    const outer = ROOT_CONTEXT.setValue(KEY, "outer");
    const inner = outer.setValue(KEY, "inner");
    expect(manager.active()).toBe(ROOT_CONTEXT);
    await manager.with(outer, async () => {
      expect(manager.active()).toBe(outer);
      const seen = await manager.with(inner, async () => {
        await sleep(1);
        return manager.active().getValue(KEY);
      });
      expect(seen).toBe("inner");
      expect(manager.active()).toBe(outer);
      const fromTimer = await new Promise((resolve) => setTimeout(() => resolve(manager.active()), 1));
      expect(fromTimer).toBe(outer);
    });
    expect(manager.active()).toBe(ROOT_CONTEXT);
  });

  it("passes this and the arguments, and runs in place when the context is already active", () => {
    const manager = new LeanContextManager();
    const ctx = ROOT_CONTEXT.setValue(KEY, 1);
    const self = { base: 10 };
    const sum = manager.with(
      ctx,
      function (this: typeof self, a: number, b: number) {
        return this.base + a + b;
      },
      self,
      1,
      2,
    );
    expect(sum).toBe(13);
    manager.with(ctx, () => {
      expect(manager.with(ctx, () => manager.active())).toBe(ctx);
    });
  });

  it("binds a function to a context, keeping its length and this", () => {
    const manager = new LeanContextManager();
    const ctx = ROOT_CONTEXT.setValue(KEY, "bound");
    const fn = function (this: { tag: string }, _a: unknown, _b: unknown) {
      return `${this.tag}:${String(manager.active().getValue(KEY))}`;
    };
    const bound = manager.bind(ctx, fn);
    expect(bound.length).toBe(2);
    expect(bound.call({ tag: "t" }, 1, 2)).toBe("t:bound");
    expect(manager.bind(ctx, 42)).toBe(42);
  });

  it("runs an emitter's listeners in its bound context; once and removeListener keep working", async () => {
    const manager = new LeanContextManager();
    const ctx = ROOT_CONTEXT.setValue(KEY, "emitter");
    const emitter = manager.bind(ctx, new EventEmitter());
    const seen: unknown[] = [];
    const listener = () => seen.push(manager.active().getValue(KEY));
    emitter.on("tick", listener);
    emitter.once("tock", () => seen.push(`once:${String(manager.active().getValue(KEY))}`));
    emitter.emit("tick");
    emitter.emit("tock");
    emitter.emit("tock");
    emitter.emit("tick");
    expect(seen).toEqual(["emitter", "once:emitter", "emitter"]);
    emitter.removeListener("tick", listener);
    emitter.emit("tick");
    expect(seen).toHaveLength(3);
    expect(emitter.listenerCount("tick")).toBe(0);

    emitter.on("a", listener);
    emitter.on("b", listener);
    emitter.removeAllListeners("a");
    emitter.off("b", listener);
    expect(emitter.listenerCount("a") + emitter.listenerCount("b")).toBe(0);

    const waited = once(emitter, "done");
    emitter.emit("done", 7);
    expect(await waited).toEqual([7]);
  });

  it("a span frame reads like trace.setSpan's context, and changes make new frames", () => {
    const parent = ROOT_CONTEXT.setValue(OTHER, "kept");
    const frame = withActiveSpan(parent, span);
    expect(trace.getSpan(frame)).toBe(span);
    expect(trace.getSpan(frame)).toBe(trace.getSpan(trace.setSpan(parent, span)));
    expect(frame.getValue(OTHER)).toBe("kept");
    const changed = frame.setValue(KEY, 1);
    expect(changed.getValue(KEY)).toBe(1);
    expect(frame.getValue(KEY)).toBeUndefined();
    const removed = changed.deleteValue(OTHER);
    expect(removed.getValue(OTHER)).toBeUndefined();
    expect(trace.getSpan(trace.deleteSpan(frame))).toBeUndefined();
    expect(trace.getSpan(removed)).toBe(span);
  });
});
