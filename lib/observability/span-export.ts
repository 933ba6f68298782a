// The span processor behind tracing (lib/observability/otel.ts): keeps ended, sampled spans in an
// array and sends them to the OTLP/HTTP endpoint as protobuf in batches, off the request's path.
//
// What a request pays for a span here is one array push in onEnd. The spans ended in one turn of
// the event loop are encoded together from setImmediate, after the I/O callbacks already queued
// (lib/observability/otlp-proto.ts: protobuf straight from the span objects, which then die
// young); a batch is posted when it holds OTEL_BSP_MAX_EXPORT_BATCH_SIZE spans or its first span
// is OTEL_BSP_SCHEDULE_DELAY old (default 5 s). One export is in flight at a time; at most
// OTEL_BSP_MAX_QUEUE_SIZE spans wait, those beyond are dropped and counted, as the SDK's
// BatchSpanProcessor does. The POST uses node's own http(s) request captured before the outbound
// instrumentation patched it, so exports make no spans.
import "server-only";

import type http from "node:http";

import { ROOT_CONTEXT, TraceFlags, context, diag } from "@opentelemetry/api";
import type { ReadableSpan, SpanProcessor } from "@opentelemetry/sdk-trace-base";

import { SpanBatch } from "./otlp-proto";

export interface OtlpExportOptions {
  /** The traces endpoint (…/v1/traces). */
  url: string;
  headers: Record<string, string>;
  /** node's http.request / https.request for the URL's protocol, unpatched. */
  request: typeof http.request;
  maxQueueSize: number;
  maxExportBatchSize: number;
  scheduledDelayMillis: number;
  exportTimeoutMillis: number;
}

export class OtlpProtoSpanProcessor implements SpanProcessor {
  /** Ended spans not yet encoded (this turn of the event loop's). */
  private ended: ReadableSpan[] = [];
  private readonly batch = new SpanBatch();
  private encodeScheduled = false;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private stopped = false;
  /** Spans dropped because the queue was full (logged once per export). */
  dropped = 0;
  /** Export requests answered with a 2xx. */
  exported = 0;

  constructor(private readonly options: OtlpExportOptions) {}

  onStart(): void {}

  onEnd(span: ReadableSpan): void {
    if (this.stopped || (span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) return;
    if (this.ended.length + this.batch.count >= this.options.maxQueueSize) {
      this.dropped += 1;
      return;
    }
    this.ended.push(span);
    if (!this.encodeScheduled) {
      this.encodeScheduled = true;
      setImmediate(() => this.encodeEnded());
    }
  }

  /** Exports everything ended so far, then resolves (tests, shutdown). */
  async forceFlush(): Promise<void> {
    this.encodeEnded();
    while (this.inFlight || this.batch.count > 0) {
      if (this.inFlight) await this.inFlight;
      else await this.send();
    }
  }

  async shutdown(): Promise<void> {
    await this.forceFlush();
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private encodeEnded(): void {
    this.encodeScheduled = false;
    const spans = this.ended;
    if (spans.length === 0) return;
    this.ended = [];
    for (const span of spans) this.batch.add(span);
    this.schedule();
  }

  /** A full batch goes now (unless one is in flight); a partial one once its first span waited the delay. */
  private schedule(): void {
    if (this.inFlight || this.stopped || this.batch.count === 0) return;
    if (this.batch.count >= this.options.maxExportBatchSize) {
      void this.send();
      return;
    }
    if (this.timer) return;
    // Timers keep the async context they were made in: start from the root so an export never
    // belongs to (or keeps alive) the request whose span started the batch.
    this.timer = context.with(ROOT_CONTEXT, () =>
      setTimeout(() => {
        this.timer = undefined;
        if (!this.inFlight) void this.send();
      }, this.options.scheduledDelayMillis),
    );
    this.timer.unref();
  }

  private send(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const body = this.batch.take();
    if (!body) return Promise.resolve();
    const dropped = this.dropped;
    this.dropped = 0;
    if (dropped > 0) diag.warn(`tracing: ${dropped} spans dropped, the export queue was full`);
    const sent = context
      .with(ROOT_CONTEXT, () => this.post(body))
      .then(
        () => void (this.exported += 1),
        (error: unknown) => diag.error("tracing: OTLP export failed", error),
      );
    this.inFlight = sent.finally(() => {
      this.inFlight = undefined;
      this.schedule();
    });
    return this.inFlight;
  }

  private post(body: Buffer): Promise<void> {
    const { url, headers, request, exportTimeoutMillis } = this.options;
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: "POST",
          headers: { ...headers, "content-type": "application/x-protobuf", "content-length": body.length },
          timeout: exportTimeoutMillis,
        },
        (response) => {
          response.resume(); // the answer's body (an ExportTraceServiceResponse) is not needed
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else reject(new Error(`OTLP endpoint answered ${status}`));
        },
      );
      req.on("timeout", () => req.destroy(new Error("OTLP export timed out")));
      req.on("error", reject);
      req.end(body);
    });
  }
}
