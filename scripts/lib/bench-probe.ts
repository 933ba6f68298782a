// Loaded into the benchmarked server with `node --import` (scripts/bench-api.ts): measures the
// server's own event loop while a run is going, so a slow tail can be told apart from the
// server's CPU being taken (the event loop delayed) or from waiting on something (the loop idle).
//   - event-loop delay: perf_hooks.monitorEventLoopDelay at 1 ms resolution (a timer that fires
//     late by the time the loop was blocked; reported in ms);
//   - garbage collection: every GC pause (PerformanceObserver "gc"), by kind, with the longest.
// A tiny HTTP server on 127.0.0.1:BENCH_PROBE_PORT answers GET / with the figures since the last
// GET /reset (which also starts a new interval). Nothing happens without BENCH_PROBE_PORT. The
// probe's own requests are a handful per run: they do not weigh on what is measured.
//
// Node loads this file with its own type stripping, not tsx (bench-api.ts): tsx's module hooks
// would then run inside the server being measured. So: erasable TypeScript only (types, no enums
// or parameter properties) and no imports but node: built-ins.
import http from "node:http";
import { constants, monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";

const port = Number(process.env.BENCH_PROBE_PORT);

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: "minor",
  [constants.NODE_PERFORMANCE_GC_MAJOR]: "major",
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: "incremental",
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: "weakcb",
};

/** GC pauses since the last reset: count and total/longest duration (ms), by kind. */
interface GcTotals {
  count: number;
  ms: number;
  maxMs: number;
  kinds: Record<string, { count: number; ms: number }>;
}

/** What GET / answers (bench-api.ts reads it). */
export interface ProbeSnapshot {
  seconds: number;
  eventLoopDelayMs: { p50: number; p90: number; p99: number; max: number; mean: number; samples: number };
  gc: GcTotals;
  heapUsedMb: number;
}

/** The GC kind of a "gc" entry (`detail.kind`; older Node versions had it on the entry). */
function gcKind(entry: PerformanceEntry): number {
  const detail = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail;
  return detail?.kind ?? (entry as PerformanceEntry & { kind?: number }).kind ?? -1;
}

if (port > 0) {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  let since = performance.now();
  let gc: GcTotals = { count: 0, ms: 0, maxMs: 0, kinds: {} };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = GC_KINDS[gcKind(entry)] ?? "other";
      gc.count += 1;
      gc.ms += entry.duration;
      gc.maxMs = Math.max(gc.maxMs, entry.duration);
      const k = (gc.kinds[kind] ??= { count: 0, ms: 0 });
      k.count += 1;
      k.ms += entry.duration;
    }
  });
  observer.observe({ entryTypes: ["gc"] });

  const ms = (ns: number): number => ns / 1e6;
  const snapshot = (): ProbeSnapshot => ({
    seconds: (performance.now() - since) / 1000,
    eventLoopDelayMs: {
      // The histogram counts the timer's whole period; subtract the resolution to get the delay.
      p50: Math.max(0, ms(delay.percentile(50)) - 1),
      p90: Math.max(0, ms(delay.percentile(90)) - 1),
      p99: Math.max(0, ms(delay.percentile(99)) - 1),
      max: Math.max(0, ms(delay.max) - 1),
      mean: Math.max(0, ms(delay.mean) - 1),
      samples: delay.count,
    },
    gc: { ...gc, ms: Math.round(gc.ms * 100) / 100, maxMs: Math.round(gc.maxMs * 100) / 100 },
    heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1e5) / 10,
  });
  const server = http.createServer((request, response) => {
    const body = JSON.stringify(snapshot());
    if (request.url === "/reset") {
      delay.reset();
      gc = { count: 0, ms: 0, maxMs: 0, kinds: {} };
      since = performance.now();
    }
    response.writeHead(200, { "content-type": "application/json" }).end(body);
  });
  server.listen(port, "127.0.0.1");
  server.unref();
}
