import { ROOT_CONTEXT, SpanKind, trace, TraceFlags } from "@opentelemetry/api";
import { SamplingDecision } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";

import { standardSampler, UNRECORDED_NEXT_SPAN_TYPES, WithoutNextBookkeeping } from "./sampler";

const traceId = "0af7651916cd43dd8448eb211c80319c";
const sampledParent = trace.setSpanContext(ROOT_CONTEXT, {
  traceId,
  spanId: "b7ad6b7169203331",
  traceFlags: TraceFlags.SAMPLED,
});
const unsampledParent = trace.setSpanContext(ROOT_CONTEXT, {
  traceId,
  spanId: "b7ad6b7169203331",
  traceFlags: TraceFlags.NONE,
});

const decide = (sampler: ReturnType<typeof standardSampler>, context = ROOT_CONTEXT, attributes = {}) =>
  sampler.shouldSample(context, traceId, "span", SpanKind.INTERNAL, attributes, []).decision;

describe("the trace sampler", () => {
  it("follows OTEL_TRACES_SAMPLER as the specification defines each name", () => {
    expect(decide(standardSampler("always_on"))).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide(standardSampler("always_off"))).toBe(SamplingDecision.NOT_RECORD);
    expect(decide(standardSampler("traceidratio", 0))).toBe(SamplingDecision.NOT_RECORD);
    expect(decide(standardSampler("traceidratio", 1))).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    // Parent-based: a root follows its root sampler, a child its parent.
    expect(decide(standardSampler("parentbased_always_off"))).toBe(SamplingDecision.NOT_RECORD);
    expect(decide(standardSampler("parentbased_always_off"), sampledParent)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide(standardSampler("parentbased_always_on"), unsampledParent)).toBe(SamplingDecision.NOT_RECORD);
    expect(decide(standardSampler("parentbased_traceidratio", 0), sampledParent)).toBe(
      SamplingDecision.RECORD_AND_SAMPLED,
    );
  });

  it("does not record Next.js's bookkeeping spans and asks the standard sampler about every other", () => {
    const sampler = new WithoutNextBookkeeping(standardSampler("parentbased_always_on"));
    for (const type of UNRECORDED_NEXT_SPAN_TYPES)
      expect(decide(sampler, sampledParent, { "next.span_type": type })).toBe(SamplingDecision.NOT_RECORD);
    for (const type of ["BaseServer.handleRequest", "AppRouteRouteHandlers.runHandler", "AppRender.getBodyResult"])
      expect(decide(sampler, sampledParent, { "next.span_type": type })).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide(sampler, unsampledParent)).toBe(SamplingDecision.NOT_RECORD);
    expect(decide(new WithoutNextBookkeeping(standardSampler("always_off")))).toBe(SamplingDecision.NOT_RECORD);
    expect(sampler.toString()).toContain("WithoutNextBookkeeping");
  });
});
