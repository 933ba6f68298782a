// The real provider path: @ai-sdk/openai-compatible, chosen by settings, against a recording fake
// OpenAI-compatible server — streamed text (SSE), a tool call on the workspace's data, provider
// errors and a timeout ending the turn with a clear message while keeping what was streamed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { runChatToEnd, startChat } from "@/lib/assistants/chat";
import { configuredProvider, resolveModel } from "@/lib/assistants/providers";
import { parseEnv } from "@/lib/env";
import { withTenant } from "@/lib/db/tenant";
import type { Role } from "@/lib/db/generated/enums";
import { buildTenantContext, type TenantContext } from "@/lib/tenancy/context";

import { startFakeOpenAI, type FakeOpenAI } from "../fixtures/fake-openai";
import { openTestDb, uniq, type TestDb } from "../helpers/db";

let t: TestDb;
let fake: FakeOpenAI;

async function owner(role: Role = "OWNER"): Promise<TenantContext> {
  const tenant = await t.db.tenant.create({ data: { name: uniq("P"), slug: uniq("p"), tier: "PROFESSIONAL" } });
  const user = await t.db.user.create({ data: { email: `${uniq("o")}@example.test` } });
  await t.db.membership.create({ data: { tenantId: tenant.id, userId: user.id, role } });
  return buildTenantContext({ id: user.id, email: user.email, name: null, isPlatformAdmin: false }, tenant, role);
}

function model() {
  const settings = parseEnv({
    AI_PROVIDER: "openai-compatible",
    AI_COMPATIBLE_BASE_URL: fake.url,
    AI_COMPATIBLE_API_KEY: "sk-fake",
    AI_MODEL_BY_TIER: "PROFESSIONAL=fake-pro,FREE=fake-free",
  });
  return resolveModel({ tier: "PROFESSIONAL" }, settings);
}

beforeAll(async () => {
  t = await openTestDb();
  fake = await startFakeOpenAI();
}, 60_000);

afterAll(async () => {
  await fake.close();
  await t.close();
});

describe("provider selection", () => {
  it("picks the provider from the settings, the model per tier, and the offline engine without keys", () => {
    expect(configuredProvider(parseEnv({}))).toBe("local");
    expect(configuredProvider(parseEnv({ OPENAI_API_KEY: "sk-x" }))).toBe("openai");
    expect(configuredProvider(parseEnv({ ANTHROPIC_API_KEY: "k" }))).toBe("anthropic");
    expect(model().engine).toMatchObject({ provider: "openai-compatible", modelId: "fake-pro", offline: false });
    const settings = parseEnv({ AI_PROVIDER: "openai-compatible", AI_COMPATIBLE_BASE_URL: fake.url });
    expect(resolveModel({ tier: "FREE", agentModel: "agent-model" }, settings).engine.modelId).toBe("agent-model");
    expect(() => parseEnv({ AI_PROVIDER: "openai-compatible" })).toThrow(/AI_COMPATIBLE_BASE_URL/);
  });
});

describe("the OpenAI-compatible provider path", () => {
  it("streams a tool call on the workspace's data, then the answer, and meters the provider's token counts", async () => {
    const ctx = await owner();
    fake.script([
      { kind: "tool", name: "team_roster", args: {} },
      { kind: "text", text: "You have one member, the owner.", usage: { prompt_tokens: 120, completion_tokens: 9 } },
    ]);
    const outcome = await runChatToEnd(
      await startChat(
        ctx,
        { domain: "hr", messages: [{ role: "user", content: "Who is on the team?" }] },
        { model: model() },
      ),
    );
    expect(outcome.error).toBeNull();
    expect(outcome.text).toBe("You have one member, the owner.");
    expect(outcome.engine.label).toBe("OpenAI-compatible · fake-pro");
    expect(outcome.assessment.grounds).toEqual([expect.objectContaining({ tool: "team_roster", ok: true })]);
    expect(outcome.usage).toEqual({ inputTokens: 50 + 120, outputTokens: 10 + 9 });

    // What the SDK sent: streaming, the tier's model, the domain's tools, and the tool's result.
    expect(fake.requests).toHaveLength(2);
    const [first, second] = fake.requests;
    expect(first?.path).toBe("/v1/chat/completions");
    expect(first?.headers.authorization).toBe("Bearer sk-fake");
    expect(first?.body).toMatchObject({ model: "fake-pro", stream: true });
    expect(first?.body.tools?.map((x) => x.function.name).sort()).toEqual([
      "invite_member",
      "onboarding_plan",
      "team_roster",
    ]);
    expect(first?.body.messages[0]).toMatchObject({ role: "system" });
    const toolMessage = second?.body.messages.find((m) => m.role === "tool");
    expect(String(toolMessage?.content)).toContain("1 member");
    const events = await withTenant(ctx.tenant.id, (tx) => tx.usageEvent.findMany({}), { db: t.db });
    expect(events.map((e) => e.value)).toEqual([189]);
  }, 60_000);

  it("ends the turn with a clear message on a provider error", async () => {
    const ctx = await owner();
    fake.script([{ kind: "error", status: 500, message: "model crashed" }]);
    const outcome = await runChatToEnd(
      await startChat(ctx, { domain: "support", messages: [{ role: "user", content: "Hi" }] }, { model: model() }),
    );
    expect(outcome.error).toMatch(/AI provider failed/);
    expect(outcome.error).not.toContain("model crashed");
    expect(outcome.assessment.missing.join(" ")).toMatch(/cut short/);
  }, 60_000);

  it("keeps what was streamed when the stream is cut off", async () => {
    const ctx = await owner();
    fake.script([{ kind: "cut", text: "The first half of a long answer" }]);
    const outcome = await runChatToEnd(
      await startChat(ctx, { domain: "support", messages: [{ role: "user", content: "Tell me" }] }, { model: model() }),
    );
    expect(outcome.error).not.toBeNull();
    expect(outcome.text).toContain("The first half");
    const stored = await withTenant(
      ctx.tenant.id,
      (tx) => tx.assistantMessage.findMany({ where: { role: "assistant" } }),
      { db: t.db },
    );
    expect(JSON.stringify(stored[0]?.parts)).toContain("The first half");
  }, 60_000);

  it("ends a turn that takes too long", async () => {
    const ctx = await owner();
    fake.script([{ kind: "hang" }]);
    const outcome = await runChatToEnd(
      await startChat(
        ctx,
        { domain: "support", messages: [{ role: "user", content: "Slow?" }] },
        { model: model(), abortSignal: AbortSignal.timeout(500) },
      ),
    );
    expect(outcome.error).toMatch(/took too long/);
  }, 60_000);
});
