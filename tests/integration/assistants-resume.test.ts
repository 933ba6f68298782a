// Resumable answers, stop, edit-and-continue, regenerate and the LLM metrics, against the real
// database and Redis (REDIS_URL) or the memory store: a turn whose HTTP response goes away runs on
// and a resume replays it from the start and follows it to its end; an explicit stop ends it with
// what was streamed; an edited question replaces the stored one and drops the answers after it.
import { MockLanguageModelV4 } from "ai/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import * as chatRoute from "@/app/api/v1/ai-assistants/chat/route";
import * as streamRoute from "@/app/api/v1/ai-assistants/chat/[id]/stream/route";
import { createApiKey } from "@/lib/api-keys/keys";
import {
  chatStreamResponse,
  resumeChat,
  runChatToEnd,
  startChat,
  stopChat,
  type ChatTurn,
} from "@/lib/assistants/chat";
import { getConversation } from "@/lib/assistants/conversations";
import { LocalLanguageModel } from "@/lib/assistants/local-model";
import { getRedis } from "@/lib/cache/redis";
import { AppError } from "@/lib/errors";
import { metrics } from "@/lib/observability/metrics";
import { buildTenantContext, type TenantContext } from "@/lib/tenancy/context";

import { tenantWithOwner } from "../helpers/api";
import { openTestDb, uniq, type TestDb } from "../helpers/db";

let t: TestDb;
let owner: TenantContext;
let colleague: TenantContext;

const engine = { provider: "local" as const, modelId: "tessera-local/test", label: "Offline engine", offline: true };
const fast = { model: new LocalLanguageModel(), engine };
/** Slow enough that a test acts while the answer is still streaming. */
const slow = () => ({ model: new LocalLanguageModel({ chunkDelayMs: 15 }), engine });

beforeAll(async () => {
  t = await openTestDb();
  owner = await tenantWithOwner(t.db, "ENTERPRISE");
  const user = await t.db.user.create({ data: { email: `${uniq("colleague")}@example.test`, name: "Colleague" } });
  await t.db.membership.create({ data: { tenantId: owner.tenant.id, userId: user.id, role: "MEMBER" } });
  colleague = buildTenantContext(
    { id: user.id, email: user.email, name: user.name, isPlatformAdmin: false },
    owner.tenant,
    "MEMBER",
  );
}, 60_000);

afterAll(async () => {
  await t.close();
});

interface Event {
  type: string;
  delta?: string;
  messageId?: string;
  data?: unknown;
}

/** Reads SSE events from a response body until `stop` says so (or the end), then cancels. */
async function readEvents(response: Response, stop: (events: Event[]) => boolean = () => false): Promise<Event[]> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: Event[] = [];
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += value;
    const frames = buffer.split("\n\n");
    buffer = frames.pop() ?? "";
    for (const frame of frames) {
      const line = frame.split("\n").find((l) => l.startsWith("data: "));
      if (!line || line === "data: [DONE]") continue;
      events.push(JSON.parse(line.slice(6)) as Event);
    }
    if (stop(events)) {
      await reader.cancel();
      break;
    }
  }
  return events;
}

const textOf = (events: Event[]) =>
  events
    .filter((e) => e.type === "text-delta")
    .map((e) => e.delta)
    .join("");

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return "resolved";
}

async function ask(ctx: TenantContext, text: string, options = slow()): Promise<ChatTurn> {
  return startChat(
    ctx,
    { domain: "technical", message: { id: uniq("q"), role: "user", parts: [{ type: "text", text }] } },
    { model: options, resumable: true },
  );
}

describe("resumable answers", () => {
  it("runs on when the response goes away, and a resume replays it from the start to its end", async () => {
    const turn = await ask(owner, "Explain the error code rate_limited and what 429 means.");
    const first = await readEvents(chatStreamResponse(turn), (events) => textOf(events).length > 20);
    const partial = textOf(first);
    expect(partial.length).toBeGreaterThan(20);

    // The browser reloads: the answer is still running, and the resume starts from its beginning.
    const resumed = await resumeChat(owner, turn.conversationId);
    expect(resumed.status).toBe(200);
    expect(resumed.headers.get("content-type")).toContain("text/event-stream");
    const replay = await readEvents(resumed);
    const full = textOf(replay);
    expect(full.startsWith(partial)).toBe(true);
    expect(full.length).toBeGreaterThan(partial.length);
    expect(replay.find((e) => e.type === "start")?.messageId).toBe(first.find((e) => e.type === "start")?.messageId);
    expect(replay.map((e) => e.type)).toContain("data-assessment");
    expect(replay.at(-1)?.type).toBe("finish");

    // The turn was saved whole, and once saved there is nothing left to resume.
    const outcome = await turn.done;
    expect(outcome.text.replace(/\s+/g, " ").trim()).toBe(full.replace(/\s+/g, " ").trim());
    const stored = await getConversation(owner, turn.conversationId);
    expect(stored.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    const deadline = Date.now() + 10_000;
    let after = await resumeChat(owner, turn.conversationId);
    while (after.status !== 204 && Date.now() < deadline) {
      await after.body?.cancel();
      after = await resumeChat(owner, turn.conversationId);
    }
    expect(after.status).toBe(204);
  }, 60_000);

  it("sends no part of the answer before its question is stored, even from a zero-latency model", async () => {
    // The model answers at once; the question's write runs beside it. The first token must wait
    // for that write: a reload at that moment has to find the conversation and the question.
    const instant = new MockLanguageModelV4({
      doStream: async () => ({
        stream: new ReadableStream({
          start(controller) {
            controller.enqueue({ type: "stream-start", warnings: [] });
            controller.enqueue({ type: "text-start", id: "t" });
            for (let i = 0; i < 50; i += 1) controller.enqueue({ type: "text-delta", id: "t", delta: `word${i} ` });
            controller.enqueue({ type: "text-end", id: "t" });
            controller.enqueue({
              type: "finish",
              finishReason: { unified: "stop", raw: undefined },
              usage: {
                inputTokens: { total: 7, noCache: 7, cacheRead: 0, cacheWrite: 0 },
                outputTokens: { total: 50, text: 50, reasoning: 0 },
              },
            });
            controller.close();
          },
        }),
      }),
    });
    // A new conversation brought with a long history makes the write take a while.
    const earlier = Array.from({ length: 48 }, (_, i) => ({
      role: i % 2 === 0 ? ("user" as const) : ("assistant" as const),
      content: `${i} ${"earlier words ".repeat(5_000)}`,
    }));
    const question = uniq("instant question");
    const turn = await startChat(
      owner,
      { domain: "support", messages: [...earlier, { role: "user", content: question }] },
      { model: { model: instant, engine }, resumable: true },
    );
    const first = await readEvents(chatStreamResponse(turn), (events) => events.some((e) => e.type === "text-delta"));
    expect(first.some((e) => e.type === "text-delta")).toBe(true);
    const stored = await getConversation(owner, turn.conversationId);
    expect(stored.messages).toHaveLength(49);
    expect(stored.messages.at(-1)).toMatchObject({ role: "user", parts: [{ type: "text", text: question }] });

    // It runs on to its end: one stored answer, metered with the model's own counts.
    const outcome = await turn.done;
    expect(outcome.usage).toEqual({ inputTokens: 7, outputTokens: 50 });
    const saved = await getConversation(owner, turn.conversationId);
    expect(saved.messages.map((m) => m.role).slice(-2)).toEqual(["user", "assistant"]);
    expect(saved.messages).toHaveLength(50);
    const metered = await t.db.usageEvent.findMany({
      where: {
        tenantId: owner.tenant.id,
        eventName: "ai_tokens",
        properties: { path: ["conversation_id"], equals: turn.conversationId },
      },
    });
    expect(metered.map((e) => e.value)).toEqual([57]);
  }, 30_000);

  it("lets only the conversation's owner resume or stop it", async () => {
    const turn = await ask(owner, "Which API routes fail the most?", fast);
    await readEvents(chatStreamResponse(turn));
    await turn.done;
    expect(await code(resumeChat(colleague, turn.conversationId))).toBe("not_found");
    expect(await code(stopChat(colleague, turn.conversationId))).toBe("not_found");
    expect(await code(resumeChat(owner, "no-such-conversation"))).toBe("not_found");
  }, 30_000);

  it("serves resume and stop over the v1 routes (204 when nothing runs)", async () => {
    const key = (await createApiKey(owner, { name: "resume", scopes: ["assistants:use"] })).secret;
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json", accept: "text/event-stream" };
    const res = await chatRoute.POST(
      new Request("http://localhost/api/v1/ai-assistants/chat", {
        method: "POST",
        headers,
        body: JSON.stringify({ domain: "support", messages: [{ role: "user", content: "How do I invite someone?" }] }),
      }),
      { params: Promise.resolve({}) },
    );
    const id = res.headers.get("x-conversation-id") ?? "";
    await readEvents(res);
    const params = { params: Promise.resolve({ id }) };
    const deadline = Date.now() + 10_000;
    let resumed = await streamRoute.GET(
      new Request(`http://localhost/api/v1/ai-assistants/chat/${id}/stream`, { headers }),
      params,
    );
    while (resumed.status === 200 && Date.now() < deadline) {
      await resumed.body?.cancel();
      resumed = await streamRoute.GET(
        new Request(`http://localhost/api/v1/ai-assistants/chat/${id}/stream`, { headers }),
        { params: Promise.resolve({ id }) },
      );
    }
    expect(resumed.status).toBe(204);
    const stopped = await streamRoute.DELETE(
      new Request(`http://localhost/api/v1/ai-assistants/chat/${id}/stream`, { method: "DELETE", headers }),
      { params: Promise.resolve({ id }) },
    );
    expect(stopped.status).toBe(204);
  }, 30_000);
});

describe("stop", () => {
  it("stops a running answer on request, keeps and saves what was streamed, without an error", async () => {
    const turn = await ask(owner, "Explain the error code rate_limited and what 429 means.");
    const reading = readEvents(chatStreamResponse(turn));
    // Wait until some text has been recorded, then stop through the API's function.
    const redis = await getRedis();
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const active = await redis.get<string>(`{t:${owner.tenant.id}}:ai-chat:${turn.conversationId}:stream`);
      const chunks = active ? await redis.llen(`{t:${owner.tenant.id}}:ai-stream:${active}`) : 0;
      if (chunks > 10) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await stopChat(owner, turn.conversationId)).toBe(true);
    const events = await reading;
    const outcome = await turn.done;
    expect(outcome.error).toBeNull();
    expect(outcome.text.length).toBeGreaterThan(0);
    const unstopped = await runChatToEnd(
      await startChat(
        owner,
        {
          domain: "technical",
          messages: [{ role: "user", content: "Explain the error code rate_limited and what 429 means." }],
        },
        { model: fast },
      ),
    );
    expect(outcome.text.length).toBeLessThan(unstopped.text.length);
    // The AI SDK's own end of a stopped stream (useChat shows the message as stopped), no error notice.
    expect(events.map((e) => e.type)).toContain("abort");
    expect(events.map((e) => e.type)).not.toContain("data-notice");
    const stored = await getConversation(owner, turn.conversationId);
    expect(stored.messages.at(-1)?.role).toBe("assistant");
  }, 60_000);
});

describe("edit a question and continue; regenerate", () => {
  it("rewrites the stored question, drops the answers after it and answers the new text", async () => {
    const first = await runChatToEnd(
      await startChat(
        owner,
        {
          domain: "technical",
          message: { id: "q-edit-1", role: "user", parts: [{ type: "text", text: "What does 429 mean?" }] },
        },
        { model: fast },
      ),
    );
    const id = first.conversationId;
    const second = await runChatToEnd(
      await startChat(
        owner,
        { conversation_id: id, message: { id: "q-edit-2", role: "user", parts: [{ type: "text", text: "And 401?" }] } },
        { model: fast },
      ),
    );
    expect((await getConversation(owner, id)).messages).toHaveLength(4);

    // Edit the first question: everything after it goes, the answer is to the new text.
    const edited = await runChatToEnd(
      await startChat(
        owner,
        {
          conversation_id: id,
          message: {
            id: "q-edit-1",
            role: "user",
            parts: [{ type: "text", text: "Explain the error code forbidden." }],
          },
        },
        { model: fast },
      ),
    );
    const after = (await getConversation(owner, id)).messages;
    expect(after.map((m) => [m.id, m.role])).toEqual([
      ["q-edit-1", "user"],
      [edited.messageId, "assistant"],
    ]);
    expect(JSON.stringify(after[0]?.parts)).toContain("Explain the error code forbidden.");
    expect(after.map((m) => m.id)).not.toContain(second.messageId);
    expect(edited.text).not.toBe(first.text);

    // Regenerate: the same question again replaces only the answer.
    const again = await runChatToEnd(
      await startChat(
        owner,
        {
          conversation_id: id,
          message: {
            id: "q-edit-1",
            role: "user",
            parts: [{ type: "text", text: "Explain the error code forbidden." }],
          },
        },
        { model: fast },
      ),
    );
    const regenerated = (await getConversation(owner, id)).messages;
    expect(regenerated.map((m) => m.id)).toEqual(["q-edit-1", again.messageId]);
    expect(again.messageId).not.toBe(edited.messageId);
  }, 60_000);

  it("refuses to edit an answer as if it were a question", async () => {
    const first = await runChatToEnd(
      await startChat(owner, { domain: "support", messages: [{ role: "user", content: "Hello" }] }, { model: fast }),
    );
    expect(
      await code(
        startChat(
          owner,
          {
            conversation_id: first.conversationId,
            message: { id: first.messageId, role: "user", parts: [{ type: "text", text: "changed" }] },
          },
          { model: fast },
        ),
      ),
    ).toBe("conflict");
  }, 30_000);
});

describe("LLM metrics", () => {
  const value = async (name: string, labels: Record<string, string>) => {
    const metric = await metrics().registry.getSingleMetric(name)?.get();
    return (metric?.values ?? [])
      .filter(
        (v) =>
          (v as { metricName?: string }).metricName === undefined ||
          (v as { metricName?: string }).metricName === name ||
          (v as { metricName?: string }).metricName === `${name}_count`,
      )
      .filter((v) => Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want))
      .reduce((sum, v) => sum + v.value, 0);
  };

  it("counts turns by provider and outcome, tokens by direction, and times them", async () => {
    const before = {
      ok: await value("tessera_llm_requests_total", { provider: "local", outcome: "ok" }),
      error: await value("tessera_llm_requests_total", { provider: "openai", outcome: "error" }),
      output: await value("tessera_llm_tokens_total", { provider: "local", direction: "output" }),
      timed: await value("tessera_llm_request_duration_seconds", { provider: "local", outcome: "ok" }),
      first: await value("tessera_llm_time_to_first_token_seconds", { provider: "local" }),
    };
    const ok = await runChatToEnd(
      await startChat(owner, { domain: "support", messages: [{ role: "user", content: "Hi" }] }, { model: fast }),
    );
    expect(ok.error).toBeNull();
    const failing = new MockLanguageModelV4({
      doStream: async () => {
        throw Object.assign(new Error("upstream down"), { statusCode: 500 });
      },
    });
    const failed = await runChatToEnd(
      await startChat(
        owner,
        { domain: "support", messages: [{ role: "user", content: "Hi" }] },
        { model: { model: failing, engine: { ...engine, provider: "openai", modelId: "openai/gpt-test" } } },
      ),
    );
    expect(failed.error).toMatch(/provider failed/);

    expect(await value("tessera_llm_requests_total", { provider: "local", outcome: "ok" })).toBe(before.ok + 1);
    expect(await value("tessera_llm_requests_total", { provider: "openai", outcome: "error" })).toBe(before.error + 1);
    expect(await value("tessera_llm_tokens_total", { provider: "local", direction: "output" })).toBe(
      before.output + ok.usage.outputTokens,
    );
    expect(await value("tessera_llm_request_duration_seconds", { provider: "local", outcome: "ok" })).toBe(
      before.timed + 1,
    );
    expect(await value("tessera_llm_time_to_first_token_seconds", { provider: "local" })).toBe(before.first + 1);
  }, 30_000);
});
