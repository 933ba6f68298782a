// The trace sampler: the standard OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG choice, behind a
// filter that does not record Next.js's bookkeeping spans.
//
// Next.js (16) makes about eight spans for one route-handler request: the request, the handler,
// and five or six that time its own module loading and response start, each well under a
// millisecond ("resolve page components", "load route module", "prepare route module", "start
// response", and on pages one "get layout or page module" and "client component loading" per
// segment). With @vercel/otel's SDK each recorded span costs its start, attribute copy, end,
// queueing and export: measured on `next start` (bench:tracing BENCH_TARGET=next), the
// bookkeeping spans were half of the spans and about half of tracing's CPU. They say nothing a
// reader of a trace acts on, so they are not recorded: the sampler answers NOT_RECORD, the SDK
// hands Next a non-recording span (no attributes kept, nothing queued), and a span started inside
// one sees an unsampled parent, so a parent-based sampler drops it too — no orphans in a trace.
//
// A non-recording span still costs Next's tracer its machinery (a context switch, the span, a
// promise chain and a cleanup per span): under `next start` that was a fifth of tracing's cost on
// /api/v1/ping. skipNextBookkeeping() takes the same types out of Next's own span allowlist, so its
// tracer runs them as plain calls; the sampler stays the rule, the allowlist trim an optimisation
// that does nothing where Next's internals have moved.
import "server-only";

import { Module } from "node:module";
import path from "node:path";

import type { Attributes, Context, Link, SpanKind } from "@opentelemetry/api";
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  ParentBasedSampler,
  type Sampler,
  SamplingDecision,
  type SamplingResult,
  TraceIdRatioBasedSampler,
} from "@opentelemetry/sdk-trace-base";

/** `next.span_type` of the Next.js spans not recorded (Next's own names, lib/trace/constants.js). */
export const UNRECORDED_NEXT_SPAN_TYPES: ReadonlySet<string> = new Set([
  "NextNodeServer.findPageComponents",
  "LoadComponents.loadRouteModule",
  "RouteModule.prepare",
  "NextNodeServer.startResponse",
  "NextNodeServer.getLayoutOrPageModule",
  "NextNodeServer.clientComponentLoading",
]);

export type SamplerName =
  | "always_on"
  | "always_off"
  | "traceidratio"
  | "parentbased_always_on"
  | "parentbased_always_off"
  | "parentbased_traceidratio";

/** The sampler OTEL_TRACES_SAMPLER names, as the OpenTelemetry specification defines each. */
export function standardSampler(name: SamplerName, ratio = 1): Sampler {
  switch (name) {
    case "always_on":
      return new AlwaysOnSampler();
    case "always_off":
      return new AlwaysOffSampler();
    case "traceidratio":
      return new TraceIdRatioBasedSampler(ratio);
    case "parentbased_always_on":
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case "parentbased_always_off":
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case "parentbased_traceidratio":
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) });
  }
}

const NOT_RECORDED: SamplingResult = { decision: SamplingDecision.NOT_RECORD };

/** `inner`'s decision, except NOT_RECORD for Next.js's bookkeeping spans. */
export class WithoutNextBookkeeping implements Sampler {
  constructor(private readonly inner: Sampler) {}

  shouldSample(
    context: Context,
    traceId: string,
    spanName: string,
    spanKind: SpanKind,
    attributes: Attributes,
    links: Link[],
  ): SamplingResult {
    const type = attributes["next.span_type"];
    if (typeof type === "string" && UNRECORDED_NEXT_SPAN_TYPES.has(type)) return NOT_RECORDED;
    return this.inner.shouldSample(context, traceId, spanName, spanKind, attributes, links);
  }

  toString(): string {
    return `WithoutNextBookkeeping{${this.inner.toString()}}`;
  }
}

/** Where Next.js keeps the span types its tracer hands to OpenTelemetry (next/dist/server/lib/trace). */
const NEXT_TRACE_CONSTANTS = "next/dist/server/lib/trace/constants";

/**
 * Takes UNRECORDED_NEXT_SPAN_TYPES out of Next.js's span allowlist (`NextVanillaSpanAllowlist`),
 * the one its tracer reads, resolved from `root` as Next's own server resolves it, so Next runs
 * those steps without making a span. Returns the types it removed: none when Next is not
 * installed there, its internals moved, or this already ran.
 */
export function skipNextBookkeeping(root: string = process.cwd()): string[] {
  let allowlist: unknown;
  try {
    const load = Module.createRequire(path.join(root, "package.json"));
    allowlist = (load(NEXT_TRACE_CONSTANTS) as { NextVanillaSpanAllowlist?: unknown }).NextVanillaSpanAllowlist;
  } catch {
    return [];
  }
  if (!(allowlist instanceof Set)) return [];
  return [...UNRECORDED_NEXT_SPAN_TYPES].filter((type) => allowlist.delete(type));
}
