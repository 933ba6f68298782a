// The platform operator's own finance agent (lib/assistants/operator.ts): its tools read MRR and
// MRR movements from the revenue report through the branded Operator only, the tool routing of a
// MockLanguageModelV4 and of the offline engine, the assessment part, and the platform-only route.
// Figures are in a currency no other test uses (NOK) in a far month, so other files' rows in the
// same database do not move them.
import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import type { UIMessageChunk } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import * as operatorRoute from "@/app/api/v1/ai-assistants/operator/chat/route";
import { createApiKey, createPlatformKey } from "@/lib/api-keys/keys";
import { agentCreateSchema } from "@/lib/assistants/schemas";
import { LocalLanguageModel } from "@/lib/assistants/local-model";
import {
  buildOperatorTools,
  platformMrr,
  revenueMovements,
  runOperatorChat,
  startOperatorChat,
} from "@/lib/assistants/operator";
import { planToolCalls } from "@/lib/assistants/routing";
import { buildTools } from "@/lib/assistants/tools";
import { mrrOf } from "@/lib/billing/mrr";
import type { Operator } from "@/lib/http/operator";

import { call, tenantWithOwner } from "../helpers/api";
import { openTestDb, uniq, type TestDb } from "../helpers/db";
import { testOperator } from "../helpers/operator";

let t: TestDb;
const operator = testOperator();
const NOW = new Date("2031-06-15T12:00:00Z");
const engine = { provider: "local" as const, modelId: "tessera-local/test", label: "Offline engine", offline: true };

async function subscription(
  tenantId: string,
  versions: [day: string, status: "ACTIVE" | "CANCELED", amount: number][],
) {
  const id = uniq("sub");
  const last = versions.at(-1)!;
  await t.db.subscription.create({
    data: {
      tenantId,
      id,
      provider: "LOCAL",
      providerId: uniq("op_sub"),
      tier: "STARTER",
      interval: "MONTH",
      status: last[1],
      currency: "nok",
      unitAmount: last[2],
      providerCreatedAt: new Date(`${versions[0]![0]}T00:00:00Z`),
      providerUpdatedAt: new Date(`${last[0]}T00:00:00Z`),
    },
  });
  await t.db.subscriptionVersion.createMany({
    data: versions.map(([day, status, amount]) => ({
      tenantId,
      subscriptionId: id,
      effectiveAt: new Date(`${day}T00:00:00Z`),
      tier: "STARTER" as const,
      interval: "MONTH" as const,
      status,
      currency: "nok",
      unitAmount: amount,
      mrr: mrrOf(status, "MONTH", amount),
    })),
  });
}

beforeAll(async () => {
  t = await openTestDb();
  const a = await t.db.tenant.create({ data: { name: "Op A", slug: uniq("op-a").toLowerCase() } });
  const b = await t.db.tenant.create({ data: { name: "Op B", slug: uniq("op-b").toLowerCase() } });
  // A: new in January, churned in May. B: new in February at 200, expanded to 300 in April.
  await subscription(a.id, [
    ["2031-01-05", "ACTIVE", 10_000],
    ["2031-05-10", "CANCELED", 10_000],
  ]);
  await subscription(b.id, [
    ["2031-02-03", "ACTIVE", 20_000],
    ["2031-04-02", "ACTIVE", 30_000],
  ]);
}, 60_000);

afterAll(async () => {
  await t.close();
});

const nok = <T extends { currency: string }>(rows: T[]) => rows.find((row) => row.currency === "nok");

/** A model that calls the given tools in its first step and answers in its second. */
function mockCalling(calls: { toolName: string; input: unknown }[]) {
  let step = 0;
  const usage = {
    inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: 5, text: 5, reasoning: 0 },
  };
  const stream = (parts: LanguageModelV4StreamPart[]) =>
    new ReadableStream<LanguageModelV4StreamPart>({
      start(controller) {
        for (const part of parts) controller.enqueue(part);
        controller.close();
      },
    });
  return new MockLanguageModelV4({
    doStream: async () => {
      step += 1;
      return {
        stream:
          step === 1
            ? stream([
                { type: "stream-start", warnings: [] },
                ...calls.map((c, i) => ({
                  type: "tool-call" as const,
                  toolCallId: `call-${i}`,
                  toolName: c.toolName,
                  input: JSON.stringify(c.input),
                })),
                { type: "finish", finishReason: { unified: "tool-calls", raw: undefined }, usage },
              ])
            : stream([
                { type: "stream-start", warnings: [] },
                { type: "text-start", id: "t" },
                { type: "text-delta", id: "t", delta: "MRR is up." },
                { type: "text-end", id: "t" },
                { type: "finish", finishReason: { unified: "stop", raw: undefined }, usage },
              ]),
      };
    },
  });
}

async function chunksOf(stream: ReadableStream<UIMessageChunk>): Promise<UIMessageChunk[]> {
  const out: UIMessageChunk[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    out.push(value);
  }
}

describe("the operator's finance tools", () => {
  it("reads MRR, ARR, paying workspaces and the month-over-month change from the revenue report", async () => {
    const mrr = await platformMrr(operator, 6, NOW);
    expect(mrr).toMatchObject({ from: "2031-01", to: "2031-06" });
    const row = nok(mrr.currencies)!;
    expect(row).toMatchObject({ month: "2031-06", mrr: 30_000, arr: 360_000, customers: 1, mom_change: 0 });
    expect(row.trend.map((m) => m.mrr)).toEqual([10_000, 30_000, 30_000, 40_000, 30_000, 30_000]);
    expect(mrr.summary).toMatch(/NOK: MRR NOK\s?300\.00 at 2031-06/);
    expect(mrr.missing).toEqual(["2031-06 is still in progress: its figures are so far."]);
    expect(mrr.suggestions.map((s) => s.href)).toContain("/admin/billing");
  });

  it("reads new, expansion, contraction and churn per month with window totals", async () => {
    const movements = await revenueMovements(operator, 6, NOW);
    const row = nok(movements.currencies)!;
    expect(row.totals).toEqual({ new: 30_000, reactivation: 0, expansion: 10_000, contraction: 0, churn: 10_000 });
    expect(row.customers).toMatchObject({ new: 2, expansion: 1, churn: 1 });
    expect(row.net_new_mrr).toBe(30_000);
    expect(row.worst_churn_month).toEqual({ month: "2031-05", amount: 10_000 });
    expect(movements.summary).toMatch(/churn −NOK\s?100\.00 \(1\)/);
  });

  it("refuses anything but a minted Operator, and no workspace agent can hold the tools", async () => {
    const forged = { ...operator } as Operator;
    await expect(platformMrr(forged, 6, NOW)).rejects.toMatchObject({ code: "not_found" });
    await expect(revenueMovements(forged, 6, NOW)).rejects.toMatchObject({ code: "not_found" });
    expect(() => buildOperatorTools(forged)).toThrow();

    const owner = await tenantWithOwner(t.db, "ENTERPRISE");
    const tenantTools = buildTools({ ctx: owner, agentName: "x", conversationId: "c" }, [
      "finance_overview",
      "platform_mrr",
      "revenue_movements",
    ] as never);
    expect(Object.keys(tenantTools)).toEqual(["finance_overview"]);
    const parsed = agentCreateSchema.safeParse({ name: "Sneaky", domain: "finance", tools: ["platform_mrr"] });
    expect(parsed.success).toBe(false);
  });
});

describe("tool routing", () => {
  it("routes a model's tool calls to the operator's tools and ends with the assessment", async () => {
    const turn = startOperatorChat(
      operator,
      { messages: [{ role: "user", content: "How did MRR move this half year?" }] },
      {
        model: {
          model: mockCalling([
            { toolName: "platform_mrr", input: { months: 6 } },
            { toolName: "revenue_movements", input: { months: 6 } },
          ]),
          engine: { ...engine, provider: "openai", modelId: "mock" },
        },
        now: NOW,
      },
    );
    const chunks = await chunksOf(turn.stream);
    const outputs = chunks.filter((c) => c.type === "tool-output-available") as {
      toolCallId: string;
      output: { currencies: { currency: string; mrr?: number; net_new_mrr?: number }[] };
    }[];
    outputs.sort((a, b) => a.toolCallId.localeCompare(b.toolCallId)); // the two run side by side
    expect(outputs.map((o) => o.toolCallId)).toEqual(["call-0", "call-1"]);
    expect(nok(outputs[0]!.output.currencies)).toMatchObject({ mrr: 30_000 });
    expect(nok(outputs[1]!.output.currencies)).toMatchObject({ net_new_mrr: 30_000 });
    const assessment = chunks.find((c) => c.type === "data-assessment") as {
      data: { confidence: number; grounds: { tool: string; ok: boolean }[] };
    };
    expect(assessment.data.grounds).toHaveLength(2);
    expect(assessment.data.grounds).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ tool: "platform_mrr", ok: true }),
        expect.objectContaining({ tool: "revenue_movements", ok: true }),
      ]),
    );
    expect(assessment.data.confidence).toBeGreaterThan(0.8);
    expect(chunks.at(-1)).toMatchObject({ type: "finish" });
    const outcome = await turn.done;
    expect(outcome).toMatchObject({ text: "MRR is up.", error: null, usage: { inputTokens: 20, outputTokens: 10 } });
  }, 30_000);

  it("lets the offline engine pick the tool from the question", async () => {
    const tools = ["platform_mrr", "revenue_movements", "finance_calculator"];
    expect(planToolCalls("What is our MRR and ARR?", tools)).toEqual([{ tool: "platform_mrr", input: { months: 12 } }]);
    expect(planToolCalls("How much churn and expansion in the last 6 months?", tools)).toEqual([
      { tool: "revenue_movements", input: { months: 6 } },
    ]);
    // The console's suggested question (/admin/assistant) reads both reports.
    expect(planToolCalls("What moved revenue last month?", tools).map((c) => c.tool)).toEqual([
      "platform_mrr",
      "revenue_movements",
    ]);
    const outcome = await runOperatorChat(
      operator,
      { messages: [{ role: "user", content: "Which months had churn over the last 6 months?" }] },
      { model: { model: new LocalLanguageModel(), engine }, now: NOW },
    );
    expect(outcome.error).toBeNull();
    expect(outcome.assessment.grounds.map((g) => g.tool)).toEqual(["revenue_movements"]);
    expect(outcome.text).toMatch(/2031-05/);
  }, 30_000);
});

describe("POST /api/v1/ai-assistants/operator/chat", () => {
  const body = { messages: [{ role: "user", content: "What is our MRR?" }] };

  it("answers a platform key with platform:read, and refuses tenant keys and other scopes", async () => {
    const { secret } = await createPlatformKey(
      { id: operator.id, email: operator.email },
      { name: uniq("operator agent"), scopes: ["platform:read"] },
    );
    const ok = await call(operatorRoute.POST, "POST", "/api/v1/ai-assistants/operator/chat", { key: secret, body });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ agent: "Platform finance assistant", engine: { offline: true }, error: null });
    expect(ok.json.assessment.grounds[0]).toMatchObject({ tool: "platform_mrr", ok: true });

    const { secret: cacheOnly } = await createPlatformKey(
      { id: operator.id, email: operator.email },
      { name: uniq("cache only"), scopes: ["cache:admin"] },
    );
    const noScope = await call(operatorRoute.POST, "POST", "/api/v1/ai-assistants/operator/chat", {
      key: cacheOnly,
      body,
    });
    expect(noScope.status).toBe(403);

    const owner = await tenantWithOwner(t.db, "ENTERPRISE");
    const { secret: tenantKey } = await createApiKey(owner, { name: "tenant", scopes: ["assistants:use"] });
    const tenant = await call(operatorRoute.POST, "POST", "/api/v1/ai-assistants/operator/chat", {
      key: tenantKey,
      body,
      headers: { "tessera-tenant": owner.tenant.slug },
    });
    expect(tenant.status).toBe(403);

    const bad = await call(operatorRoute.POST, "POST", "/api/v1/ai-assistants/operator/chat", {
      key: secret,
      body: { messages: [{ role: "assistant", content: "Hi" }] },
    });
    expect(bad.status).toBe(400);
  }, 60_000);
});
