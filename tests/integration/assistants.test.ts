// Assistants against the real database: the agent limit (like seats), a chat turn with the
// offline engine on the workspace's real numbers, token metering and allowance, approval of an
// acting suggestion (runs once, audited with the agent's name), isolation of conversations and
// tools between users and workspaces.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createAgent, deleteAgent, listAgents, updateAgent } from "@/lib/assistants/agents";
import { runChatToEnd, startChat, type ChatMessage } from "@/lib/assistants/chat";
import { getConversation, listConversations, renameConversation } from "@/lib/assistants/conversations";
import { createArticle } from "@/lib/knowledge/articles";
import { searchKnowledge } from "@/lib/knowledge/assistant";
import { LocalLanguageModel } from "@/lib/assistants/local-model";
import { financeOverview } from "@/lib/assistants/tool-reads";
import { runApprovedAction } from "@/lib/assistants/tools";
import { withTenant } from "@/lib/db/tenant";
import type { Role, Tier } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { hitFixedWindow } from "@/lib/cache/rate-limit";
import { env } from "@/lib/env";
import { tenantTag } from "@/lib/usage/keys";
import { buildTenantContext, type SessionUser, type TenantContext } from "@/lib/tenancy/context";
import { getUsageSummary } from "@/lib/usage/summary";

import { openTestDb, uniq, type TestDb } from "../helpers/db";

let t: TestDb;
const offline = {
  model: new LocalLanguageModel(),
  engine: { provider: "local" as const, modelId: "tessera-local/test", label: "Offline engine", offline: true },
};

async function workspace(tier: Tier = "FREE") {
  const tenant = await t.db.tenant.create({ data: { name: uniq("Acme"), slug: uniq("acme"), tier } });
  return tenant;
}

async function member(tenantId: string, role: Role): Promise<TenantContext> {
  const user = await t.db.user.create({ data: { email: `${uniq(role.toLowerCase())}@example.test`, name: role } });
  await t.db.membership.create({ data: { tenantId, userId: user.id, role } });
  const tenant = await t.db.tenant.findUniqueOrThrow({ where: { id: tenantId } });
  const session: SessionUser = { id: user.id, email: user.email, name: user.name, isPlatformAdmin: false };
  return buildTenantContext(session, tenant, role);
}

async function invoice(tenantId: string, total: number, number: string) {
  const at = new Date(Date.now() - 5 * 86_400_000);
  await t.db.invoice.create({
    data: {
      tenantId,
      provider: "LOCAL",
      providerId: uniq("in"),
      number,
      status: "PAID",
      currency: "usd",
      subtotal: total,
      total,
      amountPaid: total,
      lines: [],
      paidAt: at,
      providerCreatedAt: at,
      providerUpdatedAt: at,
    },
  });
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return "resolved";
}

beforeAll(async () => {
  t = await openTestDb();
}, 60_000);

afterAll(async () => {
  await t.close();
});

describe("agents and the tier's AI agents limit", () => {
  it("allows the Free plan's one agent, refuses the second with limit_exceeded, and shows the count on the usage page", async () => {
    const tenant = await workspace("FREE");
    const owner = await member(tenant.id, "OWNER");
    const agent = await createAgent(owner, { name: "Money", domain: "finance", instructions: "Be brief." });
    expect(agent.tools).toEqual(["finance_overview", "finance_calculator", "export_invoices_csv"]);
    expect(await code(createAgent(owner, { name: "Tech", domain: "technical" }))).toBe("limit_exceeded");
    const usage = await getUsageSummary(owner);
    expect(usage.dimensions.find((d) => d.id === "ai_agents")).toMatchObject({ used: 1, limit: 1, level: "exceeded" });
    // Deleting frees the seat.
    await deleteAgent(owner, agent.id);
    await createAgent(owner, { name: "Tech", domain: "technical" });
    expect((await listAgents(owner)).map((a) => a.name)).toEqual(["Tech"]);
  });

  it("lets only admins manage agents, rejects tools of another domain and duplicate names", async () => {
    const tenant = await workspace("PROFESSIONAL");
    const owner = await member(tenant.id, "OWNER");
    const plain = await member(tenant.id, "MEMBER");
    expect(await code(createAgent(plain, { name: "Mine", domain: "support" }))).toBe("forbidden");
    expect(await code(createAgent(owner, { name: "Bad", domain: "support", tools: ["finance_overview"] }))).toBe(
      "validation_failed",
    );
    const a = await createAgent(owner, { name: "Helper", domain: "support" });
    expect(await code(createAgent(owner, { name: "Helper", domain: "legal" }))).toBe("conflict");
    const renamed = await updateAgent(owner, a.id, { name: "Help desk", model: "gpt-4o" });
    expect(renamed).toMatchObject({ name: "Help desk", model: "gpt-4o" });
    const audit = await withTenant(
      tenant.id,
      (tx) => tx.auditLog.findMany({ where: { targetType: "assistant_agent" } }),
      { db: t.db },
    );
    expect(audit.map((r) => r.action).sort()).toEqual(["assistant_agent.created", "assistant_agent.updated"]);
  });
});

describe("a finance chat turn on the offline engine", () => {
  it("answers from the ledger, ends with confidence and a suggestion, meters the tokens, and runs the approved export once, audited", async () => {
    const tenant = await workspace("PROFESSIONAL");
    const owner = await member(tenant.id, "OWNER");
    await invoice(tenant.id, 12_345, "INV-0001");
    await invoice(tenant.id, 20_000, "INV-0002");
    const agent = await createAgent(owner, { name: "Ledger Lee", domain: "finance" });

    const turn = await startChat(
      owner,
      {
        agent_id: agent.id,
        message: { id: "u1", role: "user", parts: [{ type: "text", text: "How much have we paid in invoices?" }] },
      },
      { model: offline },
    );
    const outcome = await runChatToEnd(turn);
    expect(outcome.error).toBeNull();
    expect(outcome.text).toContain("$323.45");
    expect(outcome.assessment.grounds.map((g) => g.tool)).toEqual(["finance_overview"]);
    expect(outcome.assessment.confidence).toBeGreaterThan(0.8);
    expect(outcome.pendingApprovals).toEqual([expect.objectContaining({ toolName: "export_invoices_csv" })]);
    expect(outcome.usage.inputTokens).toBeGreaterThan(0);
    expect(outcome.usage.outputTokens).toBeGreaterThan(0);

    const events = await withTenant(tenant.id, (tx) => tx.usageEvent.findMany({ where: { eventName: "ai_tokens" } }), {
      db: t.db,
    });
    expect(events).toHaveLength(1);
    expect(events[0]?.value).toBe(outcome.usage.inputTokens + outcome.usage.outputTokens);
    expect(events[0]?.properties).toMatchObject({
      user_id: owner.user.id,
      agent_id: agent.id,
      conversation_id: outcome.conversationId,
    });
    const usage = await getUsageSummary(owner);
    expect(usage.dimensions.find((d) => d.id === "ai_tokens")?.used).toBe(events[0]?.value);

    // The person approves the suggestion: the client sends only its decision.
    const stored = await getConversation(owner, outcome.conversationId);
    const answer = stored.messages.at(-1);
    expect(answer?.role).toBe("assistant");
    const approvalId = outcome.pendingApprovals[0]?.approvalId ?? "";
    const decision = {
      id: answer?.id ?? "",
      role: "assistant" as const,
      parts: [
        { type: "tool-export_invoices_csv", state: "approval-responded", approval: { id: approvalId, approved: true } },
      ],
    };
    const second = await runChatToEnd(
      await startChat(owner, { conversation_id: outcome.conversationId, message: decision }, { model: offline }),
    );
    expect(second.text).toMatch(/exported 2 invoices/);
    const actions = await withTenant(tenant.id, (tx) => tx.assistantAction.findMany({}), { db: t.db });
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ action: "export_invoices_csv", agentName: "Ledger Lee" });
    const audit = await withTenant(
      tenant.id,
      (tx) => tx.auditLog.findMany({ where: { action: "assistant.action_approved" } }),
      { db: t.db },
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after).toMatchObject({ agent: "Ledger Lee", tool: "export_invoices_csv", rows: 2 });
    expect(audit[0]?.actorId).toBe(owner.user.id);

    // Replaying the same approval cannot run it again.
    expect(
      await code(startChat(owner, { conversation_id: outcome.conversationId, message: decision }, { model: offline })),
    ).toMatch(/validation_failed|conflict/);
    expect(await withTenant(tenant.id, (tx) => tx.assistantAction.count({}), { db: t.db })).toBe(1);
  }, 60_000);

  it("runs an approved action once per tool call even when called twice", async () => {
    const tenant = await workspace("PROFESSIONAL");
    const owner = await member(tenant.id, "OWNER");
    let runs = 0;
    const tc = { ctx: owner, agentName: "Bot", conversationId: "c1" };
    const first = await runApprovedAction(
      tc,
      "call-1",
      "export_invoices_csv",
      async () => ++runs,
      () => ({ n: runs }),
    );
    const again = await runApprovedAction(
      tc,
      "call-1",
      "export_invoices_csv",
      async () => ++runs,
      () => ({ n: runs }),
    );
    expect(first).toBe(1);
    expect(again).toEqual({ already_ran: true, result: { n: 1 } });
    expect(runs).toBe(1);
  });

  it("refuses a turn once the month's token allowance is used", async () => {
    const tenant = await workspace("FREE");
    const owner = await member(tenant.id, "OWNER");
    await withTenant(
      tenant.id,
      (tx) =>
        tx.usageEvent.create({
          data: {
            tenantId: tenant.id,
            idempotencyKey: "x",
            eventName: "ai_tokens",
            value: 50_000,
            occurredAt: new Date(),
          },
        }),
      { db: t.db },
    );
    expect(
      await code(
        startChat(owner, { domain: "finance", messages: [{ role: "user", content: "Spend?" }] }, { model: offline }),
      ),
    ).toBe("limit_exceeded");
    const usage = await getUsageSummary(owner);
    expect(usage.dimensions.find((d) => d.id === "ai_tokens")).toMatchObject({ level: "exceeded" });
  });
});

describe("per-user chat rate limit", () => {
  it("refuses a chat call beyond the minute's allowance with rate_limited", async () => {
    const tenant = await workspace("PROFESSIONAL");
    const owner = await member(tenant.id, "OWNER");
    const other = await member(tenant.id, "ADMIN");
    for (let i = 0; i < env.AI_CHAT_RATE_PER_MINUTE; i += 1) {
      await hitFixedWindow(`${tenantTag(tenant.id)}:ai-chat:${owner.user.id}`, env.AI_CHAT_RATE_PER_MINUTE, 60_000);
    }
    const ask = (ctx: TenantContext) =>
      startChat(ctx, { domain: "support", messages: [{ role: "user", content: "Hi" }] }, { model: offline });
    expect(await code(ask(owner))).toBe("rate_limited");
    // Another person of the same workspace is not affected.
    expect(await code(runChatToEnd(await ask(other)))).toBe("resolved");
  });
});

describe("isolation", () => {
  it("keeps conversations to their owner and admins, and tools to their workspace", async () => {
    const a = await workspace("PROFESSIONAL");
    const b = await workspace("PROFESSIONAL");
    const ownerA = await member(a.id, "OWNER");
    const memberA = await member(a.id, "MEMBER");
    const adminA = await member(a.id, "ADMIN");
    const ownerB = await member(b.id, "OWNER");
    await invoice(a.id, 99_900, "A-SECRET");

    const turn = await runChatToEnd(
      await startChat(
        memberA,
        { domain: "support", messages: [{ role: "user", content: "How do I reset a password?" }] },
        { model: offline },
      ),
    );
    expect(await code(getConversation(ownerB, turn.conversationId))).toBe("not_found");
    expect(await code(getConversation(ownerA, turn.conversationId))).toBe("resolved"); // owner role manages assistants
    expect(await code(getConversation(adminA, turn.conversationId))).toBe("resolved");
    const otherMember = await member(a.id, "MEMBER");
    expect(await code(getConversation(otherMember, turn.conversationId))).toBe("not_found");
    expect(await code(renameConversation(adminA, turn.conversationId, { title: "x" }))).toBe("not_found");
    expect(await listConversations(otherMember)).toEqual([]);
    expect((await listConversations(adminA, { all: true })).map((c) => c.id)).toContain(turn.conversationId);
    // Continuing someone else's conversation is refused.
    expect(
      await code(
        startChat(
          ownerB,
          { conversation_id: turn.conversationId, messages: [{ role: "user", content: "hi" }] },
          { model: offline },
        ),
      ),
    ).toBe("not_found");

    // B's finance tool never sees A's invoices; a member without billing:read is refused by the tool.
    const seenByB = await financeOverview({ ctx: ownerB, agentName: "x", conversationId: "c" });
    expect(JSON.stringify(seenByB)).not.toContain("A-SECRET");
    expect("invoice_count" in seenByB && seenByB.invoice_count).toBe(0);
    const seenByMember = await financeOverview({ ctx: memberA, agentName: "x", conversationId: "c" });
    expect(seenByMember).toMatchObject({ refused: true });
  }, 60_000);

  it("searches only the workspace's own help articles, with citations", async () => {
    const a = await workspace("PROFESSIONAL");
    const b = await workspace("PROFESSIONAL");
    const ownerA = await member(a.id, "OWNER");
    const ownerB = await member(b.id, "OWNER");
    await createArticle(ownerA, {
      title: "Resetting your password",
      body: "Open Settings, choose Security and press Reset password.",
    });
    await createArticle(ownerB, { title: "Password policy of B", body: "B's passwords must be rotated monthly." });
    const found = await searchKnowledge(ownerA, "reset password");
    expect(found.hits.map((h) => h.title)).toEqual(["Resetting your password"]);
    expect(found.citations[0]).toMatchObject({ n: 1, title: "Resetting your password" });
    const none = await searchKnowledge(ownerA, "rotated monthly");
    expect(none.hits).toEqual([]);

    const turn = await runChatToEnd(
      await startChat(
        ownerA,
        { domain: "support", messages: [{ role: "user", content: "How do I reset my password?" }] },
        { model: offline },
      ),
    );
    expect(turn.text).toContain("[1] Resetting your password");
    expect(turn.assessment.grounds[0]).toMatchObject({ tool: "search_knowledge", ok: true });
  }, 60_000);
});

export type { ChatMessage };
