// npm run bench:assistants — what the app adds to an assistant's answer: time to the first
// streamed token and total stream time of a chat turn (startChat: authorise, limits, load and
// persist the conversation, tools, streamText, the assessment part, metering) against the same
// zero-latency fake model called directly through streamText, interleaved A/B in one run, in two
// forms: the UI message chunks of a JSON API turn, and the SSE bytes of the app's resumable turn
// (against the same fake's toUIMessageStream as an SSE response). The JSON form is also compared
// with the fake called with the support agent's tools, so the SDK's own per-chunk tool stage is in
// both sides of that comparison.
// The database is a fresh PostgreSQL database when DATABASE_URL is set (created, migrated, dropped),
// else embedded PGlite in memory (which runs its queries on the main thread, so writes overlap
// nothing there); Redis per REDIS_URL or the memory store. The workspace is on PROFESSIONAL, so
// the token allowance is checked like in production. Goals (issue 13): ≤ 50 ms added to the
// first token at p50, ≤ 5 % on total stream time (read as the stream after the first token; the
// whole stream's added time is printed beside it).
import { createUIMessageStreamResponse, streamText, type UIMessageChunk } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";

import { allowServerOnly } from "./lib/server-only";

// Domain modules import "server-only": map it before they load (imported dynamically below).
allowServerOnly();
const { chatStreamResponse, startChat } = await import("../lib/assistants/chat");
const { createPgliteClient, createPostgresClient, setDb } = await import("../lib/db/client");
const { pgliteExecutor, postgresExecutor } = await import("../lib/db/executors");
const { default: pg } = await import("pg");
const { migrate, readMigrations } = await import("../lib/db/migrate");
const { buildTenantContext } = await import("../lib/tenancy/context");
const { DOMAIN_TEMPLATES, SHARED_TOOLS } = await import("../lib/assistants/domains");
const { buildTools } = await import("../lib/assistants/tools");

const ROUNDS = Number(process.argv[2] ?? 100);
const CHUNKS = 200;

function fakeModel() {
  const parts: LanguageModelV4StreamPart[] = [
    { type: "stream-start", warnings: [] },
    { type: "text-start", id: "t" },
    ...Array.from({ length: CHUNKS }, (_, i) => ({ type: "text-delta" as const, id: "t", delta: `word${i} ` })),
    { type: "text-end", id: "t" },
    {
      type: "finish",
      finishReason: { unified: "stop", raw: undefined },
      usage: {
        inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
        outputTokens: { total: CHUNKS, text: CHUNKS, reasoning: 0 },
      },
    },
  ];
  return new MockLanguageModelV4({
    doStream: async () => ({
      stream: new ReadableStream({
        start(controller) {
          for (const part of parts) controller.enqueue(part);
          controller.close();
        },
      }),
    }),
  });
}

async function measure(stream: ReadableStream<UIMessageChunk>, started: number) {
  let first = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!first && value.type === "text-delta") first = performance.now() - started;
  }
  return { first, total: performance.now() - started };
}

/** The SSE form: bytes as the browser gets them; the first token is the first text-delta event. */
async function measureSse(response: Response, started: number) {
  let first = 0;
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!first && value.includes('"text-delta"')) first = performance.now() - started;
  }
  return { first, total: performance.now() - started };
}

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

async function openDatabase() {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const handle = await createPgliteClient();
    await migrate(pgliteExecutor(handle.pglite!), readMigrations());
    return { handle, label: "PGlite (in memory)", drop: async () => undefined };
  }
  const name = `tessera_bench_assist_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const executor = await postgresExecutor(url.toString());
  await migrate(executor, readMigrations());
  await executor.close();
  return {
    handle: createPostgresClient(url.toString()),
    label: "PostgreSQL",
    drop: async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

async function main() {
  const { handle, label, drop } = await openDatabase();
  setDb(handle);
  const db = handle.client;
  const tenant = await db.tenant.create({ data: { name: "Bench", slug: `bench-${Date.now()}`, tier: "PROFESSIONAL" } });
  const user = await db.user.create({ data: { email: `bench-${Date.now()}@example.test` } });
  await db.membership.create({ data: { tenantId: tenant.id, userId: user.id, role: "OWNER" } });
  const ctx = buildTenantContext(
    { id: user.id, email: user.email, name: null, isPlatformAdmin: false },
    tenant,
    "OWNER",
  );
  // A month of metered turns, so the allowance check reads a realistic table.
  await db.usageEvent.createMany({
    data: Array.from({ length: 2_000 }, (_, i) => ({
      tenantId: tenant.id,
      idempotencyKey: `bench-${i}`,
      eventName: "ai_tokens",
      value: 100,
      occurredAt: new Date(Date.now() - (i % 20) * 3_600_000),
    })),
  });
  const engine = { provider: "local" as const, modelId: "bench/fake", label: "bench", offline: true };

  const direct = { first: [] as number[], total: [] as number[] };
  const app = { first: [] as number[], total: [] as number[] };
  const runDirect = async () => {
    const started = performance.now();
    const result = streamText({ model: fakeModel(), prompt: "What changed?" });
    return measure(result.toUIMessageStream(), started);
  };
  // The same fake with the support agent's tools (none called): the AI SDK handles every chunk of
  // a call with tools in one more stage of its own, so this baseline shows what the app adds on
  // top of the SDK call it makes, apart from what the SDK costs for having tools at all.
  const directTools = { first: [] as number[], total: [] as number[] };
  const supportTools = [...DOMAIN_TEMPLATES.support.tools, ...SHARED_TOOLS];
  const runDirectTools = async () => {
    const started = performance.now();
    const tools = buildTools({ ctx, agentName: "bench", conversationId: "bench" }, supportTools);
    const result = streamText({ model: fakeModel(), prompt: "What changed?", tools });
    return measure(result.toUIMessageStream(), started);
  };
  const runApp = async () => {
    const started = performance.now();
    const turn = await startChat(
      ctx,
      { domain: "support", messages: [{ role: "user", content: "What changed?" }] },
      { model: { model: fakeModel(), engine } },
    );
    const timing = await measure(turn.stream, started);
    await turn.done;
    return timing;
  };
  // The app's own form: SSE, resumable (the question stored before the first token, the stream recorded in Redis).
  const directSse = { first: [] as number[], total: [] as number[] };
  const appSse = { first: [] as number[], total: [] as number[] };
  const runDirectSse = async () => {
    const started = performance.now();
    const result = streamText({ model: fakeModel(), prompt: "What changed?" });
    return measureSse(createUIMessageStreamResponse({ stream: result.toUIMessageStream() }), started);
  };
  const runAppSse = async () => {
    const started = performance.now();
    const turn = await startChat(
      ctx,
      { domain: "support", messages: [{ role: "user", content: "What changed?" }] },
      { model: { model: fakeModel(), engine }, resumable: true },
    );
    const timing = await measureSse(chatStreamResponse(turn), started);
    await turn.done;
    return timing;
  };
  for (let i = 0; i < 10; i += 1) {
    await runDirect();
    await runDirectTools();
    await runApp();
    await runDirectSse();
    await runAppSse();
  }
  const push = (into: { first: number[]; total: number[] }, t: { first: number; total: number }) => {
    into.first.push(t.first);
    into.total.push(t.total);
  };
  for (let i = 0; i < ROUNDS; i += 1) {
    push(direct, await runDirect());
    push(directTools, await runDirectTools());
    push(app, await runApp());
    push(directSse, await runDirectSse());
    push(appSse, await runAppSse());
  }
  const row = (label: string, d: number[], a: number[]) =>
    `${label.padEnd(22)} direct p50 ${pct(d, 50).toFixed(2)} ms  p90 ${pct(d, 90).toFixed(2)} ms | app p50 ${pct(a, 50).toFixed(2)} ms  p90 ${pct(a, 90).toFixed(2)} ms | added p50 ${(pct(a, 50) - pct(d, 50)).toFixed(2)} ms`;
  console.log(
    `[bench] ${ROUNDS} rounds, ${CHUNKS} text chunks per answer, zero-latency fake model, ${label}, Redis ${process.env.REDIS_URL ? "TCP" : "memory"}`,
  );
  const report = (form: string, d: typeof direct, a: typeof app) => {
    console.log(`[bench] ${form}`);
    console.log(`[bench]   ${row("first token", d.first, a.first)}`);
    console.log(`[bench]   ${row("whole stream", d.total, a.total)}`);
    const addedFirst = pct(a.first, 50) - pct(d.first, 50);
    const addedTotal = pct(a.total, 50) - pct(d.total, 50);
    console.log(
      `[bench]   per-token overhead after the first: ${(((addedTotal - addedFirst) / CHUNKS) * 1000).toFixed(1)} µs`,
    );
    // The same ratio per round (app and direct ran back to back), then its median: steadier than the
    // ratio of medians when the shared machine's load changes during the run.
    const paired = a.total.map((total, i) => (total - a.first[i]!) / Math.max(0.001, d.total[i]! - d.first[i]!) - 1);
    console.log(
      `SUMMARY ${form}: first-token added p50 ${addedFirst.toFixed(1)} ms (goal ≤ 50), stream time after the first token ` +
        `${(((pct(a.total, 50) - pct(a.first, 50)) / Math.max(0.001, pct(d.total, 50) - pct(d.first, 50)) - 1) * 100).toFixed(1)} % over direct (goal ≤ 5 %); ` +
        `paired per round: median ${(pct(paired, 50) * 100).toFixed(1)} %, whole stream added p50 ${(pct(a.total, 50) - pct(d.total, 50)).toFixed(1)} ms`,
    );
  };
  report("UI message chunks (the JSON API's turn: startChat read to its end)", direct, app);
  report(
    "UI message chunks, against the same fake with the support agent's tools (the SDK's tool stage in both)",
    directTools,
    app,
  );
  report(
    "SSE bytes, resumable (the app's chat: question stored before the first token, stream recorded in Redis)",
    directSse,
    appSse,
  );
  await handle.client.$disconnect();
  await handle.pglite?.close();
  await drop();
}

await main();
// The Redis client (REDIS_URL) keeps the event loop alive.
process.exit(0);
