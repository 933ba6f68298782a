// The assistants' v1 routes in-process: agents CRUD with the plan's limit (403 like invitations),
// chat as JSON and as the AI SDK's UI message stream (SSE), conversations, isolation, scope.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import * as agentItem from "@/app/api/v1/ai-assistants/agents/[id]/route";
import * as agents from "@/app/api/v1/ai-assistants/agents/route";
import * as chat from "@/app/api/v1/ai-assistants/chat/route";
import * as conversationItem from "@/app/api/v1/ai-assistants/conversations/[id]/route";
import * as conversations from "@/app/api/v1/ai-assistants/conversations/route";
import * as catalog from "@/app/api/v1/ai-assistants/route";
import { createApiKey } from "@/lib/api-keys/keys";
import type { TenantScope } from "@/lib/api-keys/scopes";
import type { TenantContext } from "@/lib/tenancy/context";

import { call, tenantWithOwner } from "../helpers/api";
import { openTestDb, type TestDb } from "../helpers/db";

let t: TestDb;
let free: TenantContext;
let pro: TenantContext;
let freeKey: string;
let proKey: string;

async function key(c: TenantContext, scopes: TenantScope[]) {
  return (await createApiKey(c, { name: "test", scopes })).secret;
}

beforeAll(async () => {
  t = await openTestDb();
  free = await tenantWithOwner(t.db, "FREE");
  pro = await tenantWithOwner(t.db, "ENTERPRISE");
  freeKey = await key(free, ["assistants:use"]);
  proKey = await key(pro, ["assistants:use"]);
}, 60_000);

afterAll(async () => {
  await t.close();
});

describe("/api/v1/ai-assistants", () => {
  it("lists the seven domains, the agents and the engine that answers", async () => {
    const res = await call(catalog.GET, "GET", "/api/v1/ai-assistants", { key: proKey });
    expect(res.status).toBe(200);
    expect(res.json.domains.map((d: { domain: string }) => d.domain)).toEqual([
      "finance",
      "technical",
      "support",
      "legal",
      "hr",
      "marketing",
      "sales",
    ]);
    expect(res.json.engine).toMatchObject({ provider: "local", offline: true });
  });

  it("creates agents up to the plan's limit, then answers 403 limit_exceeded; updates and deletes", async () => {
    const first = await call(agents.POST, "POST", "/api/v1/ai-assistants/agents", {
      key: freeKey,
      body: { name: "Finn", domain: "finance" },
    });
    expect(first.status).toBe(201);
    const second = await call(agents.POST, "POST", "/api/v1/ai-assistants/agents", {
      key: freeKey,
      body: { name: "Tess", domain: "technical" },
    });
    expect(second.status).toBe(403);
    expect(second.json.error.code).toBe("limit_exceeded");
    const bad = await call(agents.POST, "POST", "/api/v1/ai-assistants/agents", {
      key: freeKey,
      body: { name: "", domain: "x" },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.error.details ?? {}).sort()).toEqual(["domain", "name"]);
    const patched = await call(agentItem.PATCH, "PATCH", `/api/v1/ai-assistants/agents/${first.json.id}`, {
      key: freeKey,
      params: { id: first.json.id },
      body: { instructions: "Quote invoice numbers." },
    });
    expect(patched.json.instructions).toBe("Quote invoice numbers.");
    const foreign = await call(agentItem.GET, "GET", `/api/v1/ai-assistants/agents/${first.json.id}`, {
      key: proKey,
      params: { id: first.json.id },
    });
    expect(foreign.status).toBe(404);
    const removed = await call(agentItem.DELETE, "DELETE", "/x", { key: freeKey, params: { id: first.json.id } });
    expect(removed.status).toBe(204);
    expect((await call(agents.GET, "GET", "/api/v1/ai-assistants/agents", { key: freeKey })).json.data).toEqual([]);
  });

  it("answers as JSON with message, confidence, suggestions and usage, and keeps the conversation", async () => {
    const res = await call(chat.POST, "POST", "/api/v1/ai-assistants/chat", {
      key: proKey,
      body: {
        domain: "technical",
        messages: [{ role: "user", content: "What does error 429 mean for our API calls?" }],
      },
    });
    expect(res.status).toBe(200);
    expect(res.json.message.content).toMatch(/rate_limited \(HTTP 429\)/);
    expect(res.json.engine.offline).toBe(true);
    expect(res.json.confidence).toBeGreaterThan(0);
    expect(res.json.assessment.grounds.map((g: { tool: string }) => g.tool).sort()).toEqual([
      "api_health",
      "explain_error_code",
    ]);
    expect(res.json.assessment.missing.join(" ")).toMatch(/latency are not stored/);
    expect(res.json.usage.input_tokens).toBeGreaterThan(0);

    const list = await call(conversations.GET, "GET", "/api/v1/ai-assistants/conversations", { key: proKey });
    expect(list.json.data.map((c: { id: string }) => c.id)).toContain(res.json.conversation_id);
    const one = await call(conversationItem.GET, "GET", "/x", {
      key: proKey,
      params: { id: res.json.conversation_id },
    });
    expect(one.json.messages.map((m: { role: string }) => m.role)).toEqual(["user", "assistant"]);
    const foreign = await call(conversationItem.GET, "GET", "/x", {
      key: freeKey,
      params: { id: res.json.conversation_id },
    });
    expect(foreign.status).toBe(404);
  });

  it("streams the UI message stream with Accept: text/event-stream, ending with the assessment", async () => {
    const res = await chat.POST(
      new Request("http://localhost/api/v1/ai-assistants/chat", {
        method: "POST",
        headers: { authorization: `Bearer ${proKey}`, "content-type": "application/json", accept: "text/event-stream" },
        body: JSON.stringify({
          domain: "legal",
          messages: [
            {
              role: "user",
              content:
                "Review: 1. The Supplier shall provide unlimited liability cover.\n\n2. This agreement renews automatically.",
            },
          ],
        }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const body = await res.text();
    const events = body
      .split("\n")
      .filter((line) => line.startsWith("data: ") && line !== "data: [DONE]")
      .map((line) => JSON.parse(line.slice(6)) as { type: string; data?: { confidence: number } });
    const types = events.map((e) => e.type);
    // The conversation id is a transient data part written as the turn opens, before or after the
    // message's start; everything else comes after "start".
    expect(types.filter((type) => type !== "data-conversation")[0]).toBe("start");
    expect(types).toContain("data-conversation");
    expect(types).toContain("tool-output-available");
    expect(types.filter((x) => x === "text-delta").length).toBeGreaterThan(3);
    const assessment = events.find((e) => e.type === "data-assessment");
    expect(assessment?.data?.confidence).toBeGreaterThan(0.5);
    expect(types.at(-1)).toBe("finish");
    expect(res.headers.get("x-conversation-id")).toBeTruthy();
  });

  it("refuses a key without assistants:use", async () => {
    const other = await key(pro, ["usage:read"]);
    const res = await call(chat.POST, "POST", "/api/v1/ai-assistants/chat", {
      key: other,
      body: { domain: "finance", messages: [{ role: "user", content: "hi" }] },
    });
    expect(res.status).toBe(403);
  });
});
