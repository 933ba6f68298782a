import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

import { ROOT_CONTEXT, SpanKind, trace, TraceFlags } from "@opentelemetry/api";
import { SamplingDecision } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";

import { skipNextBookkeeping, standardSampler, UNRECORDED_NEXT_SPAN_TYPES, WithoutNextBookkeeping } from "./sampler";

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

  it("takes the bookkeeping types out of the allowlist Next.js's tracer reads, and only those", () => {
    // The module Next's server loads (next/dist/server/lib/trace/tracer.js requires ./constants).
    const nextRequire = createRequire(path.join(process.cwd(), "package.json"));
    const tracerFile = nextRequire.resolve("next/dist/server/lib/trace/tracer");
    const constantsFile = createRequire(tracerFile).resolve("./constants");
    const { NextVanillaSpanAllowlist: allowlist } = createRequire(tracerFile)(constantsFile) as {
      NextVanillaSpanAllowlist: Set<string>;
    };
    const before = new Set(allowlist);
    // Every type the sampler drops is one Next's allowlist names: if Next renames one, this fails.
    const source = readFileSync(constantsFile, "utf8");
    const listed = source.slice(source.indexOf("NextVanillaSpanAllowlist = new Set(["));
    for (const type of UNRECORDED_NEXT_SPAN_TYPES)
      expect(listed.slice(0, listed.indexOf("]);"))).toContain(`"${type}"`);

    const elsewhere = mkdtempSync(path.join(tmpdir(), "no-next-")); // no node_modules up from here
    try {
      expect(skipNextBookkeeping(elsewhere)).toEqual([]);
      expect(allowlist).toEqual(before); // untouched
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }

    const removed = skipNextBookkeeping();
    for (const type of UNRECORDED_NEXT_SPAN_TYPES) expect(allowlist.has(type)).toBe(false);
    expect(removed.every((type) => UNRECORDED_NEXT_SPAN_TYPES.has(type))).toBe(true);
    for (const type of ["BaseServer.handleRequest", "AppRouteRouteHandlers.runHandler", "AppRender.getBodyResult"])
      expect(allowlist.has(type)).toBe(true);
    expect(allowlist.size).toBe([...before].filter((type) => !UNRECORDED_NEXT_SPAN_TYPES.has(type)).length);

    expect(skipNextBookkeeping()).toEqual([]); // once is enough
  });
});
