// Tessera's OpenTelemetry context manager: the active context kept in one AsyncLocalStorage, as
// the SDK's AsyncLocalStorageContextManager keeps it, with less work on a request's path.
// Registered by lib/observability/otel.ts (registerOTel's `contextManager`).
//
// What differs from the SDK's (which @vercel/otel bundles):
//   - `with` returns `fn(...args)` directly when the context is already the active one: no
//     AsyncLocalStorage frame for a switch that changes nothing (instrumentations do this often);
//   - a span made active is a small frame over its parent context (SpanFrame) instead of a copy of
//     the parent's Map with one more entry (the API's BaseContext does `new Map(parent)` for every
//     setValue), so making a span active allocates one object;
//   - the root context is a module constant, not a getter of a bundled module read on every
//     `active()` outside a span.
// `bind` keeps the SDK's contract: a function runs in the bound context; an EventEmitter's
// listeners added afterwards run in it, and removeListener/off/removeAllListeners still find them.
import "server-only";

import { AsyncLocalStorage } from "node:async_hooks";
import { EventEmitter } from "node:events";

import { ROOT_CONTEXT, type Context, type ContextManager, type Span } from "@opentelemetry/api";

/** The key the API stores the active span under (createContextKey uses Symbol.for). */
const SPAN_KEY = Symbol.for("OpenTelemetry Context Key SPAN");

/**
 * A context that is `parent` with `key` set to `value`: lookups walk to the parent for other keys.
 * Chains stay short (one frame per nested active span or value), and any change makes a new frame.
 */
class ContextFrame implements Context {
  constructor(
    private readonly parent: Context,
    private readonly key: symbol,
    private readonly value: unknown,
  ) {}

  getValue(key: symbol): unknown {
    return key === this.key ? this.value : this.parent.getValue(key);
  }

  setValue(key: symbol, value: unknown): Context {
    return new ContextFrame(this, key, value);
  }

  deleteValue(key: symbol): Context {
    return new ContextFrame(this, key, undefined);
  }
}

/** `parent` with `span` as its active span: what `trace.setSpan(parent, span)` gives, for less. */
export function withActiveSpan(parent: Context, span: Span): Context {
  return new ContextFrame(parent, SPAN_KEY, span);
}

const EMITTER_METHODS = ["addListener", "on", "once", "prependListener", "prependOnceListener"] as const;
type Listener = (...args: unknown[]) => unknown;
/** Per emitter: event name → original listener → its bound wrapper. */
type PatchMap = Map<string | symbol, WeakMap<Listener, Listener>>;
const PATCHES = Symbol("tessera.otel.listeners");
type PatchedEmitter = EventEmitter & { [PATCHES]?: PatchMap };

export class LeanContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>();

  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    context: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    const run = thisArg === undefined || thisArg === null ? fn : (fn.bind(thisArg) as F);
    if (context === this.storage.getStore()) return run(...args);
    return this.storage.run(context, run, ...args);
  }

  bind<T>(context: Context, target: T): T {
    if (target instanceof EventEmitter) return this.bindEmitter(context, target) as T;
    if (typeof target === "function") return this.bindFunction(context, target as unknown as Listener) as T;
    return target;
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.storage.disable();
    return this;
  }

  private bindFunction(context: Context, fn: Listener): Listener {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the wrapper keeps its caller's `this` for fn
    const manager = this;
    const bound = function (this: unknown, ...args: unknown[]) {
      return manager.with(context, () => fn.apply(this, args));
    };
    Object.defineProperty(bound, "length", { value: fn.length, configurable: true });
    return bound;
  }

  private bindEmitter(context: Context, emitter: PatchedEmitter): EventEmitter {
    if (emitter[PATCHES]) return emitter; // bound once; later binds keep the first context, as the SDK's do
    const patches: PatchMap = new Map();
    emitter[PATCHES] = patches;
    // `once` adds through `on`: a listener is bound by the outermost call only.
    let adding = false;
    for (const method of EMITTER_METHODS) {
      const add = emitter[method] as (event: string | symbol, listener: Listener) => EventEmitter;
      emitter[method] = ((event: string | symbol, listener: Listener) => {
        if (adding) return add.call(emitter, event, listener);
        let wrappers = patches.get(event);
        if (!wrappers) patches.set(event, (wrappers = new WeakMap()));
        const bound = this.bindFunction(context, listener);
        wrappers.set(listener, bound);
        adding = true;
        try {
          return add.call(emitter, event, bound);
        } finally {
          adding = false;
        }
      }) as EventEmitter[typeof method];
    }
    for (const method of ["removeListener", "off"] as const) {
      const remove = emitter[method] as (event: string | symbol, listener: Listener) => EventEmitter;
      emitter[method] = ((event: string | symbol, listener: Listener) =>
        remove.call(emitter, event, patches.get(event)?.get(listener) ?? listener)) as EventEmitter[typeof method];
    }
    const removeAll = emitter.removeAllListeners;
    emitter.removeAllListeners = function (this: EventEmitter, ...args: [event?: string | symbol]) {
      if (args.length === 0) patches.clear();
      else patches.delete(args[0] as string | symbol);
      return removeAll.apply(this, args);
    };
    return emitter;
  }
}
