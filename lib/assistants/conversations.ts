// Conversations are persisted per workspace and user: visible to their owner and to the
// workspace's admins (assistants:manage), never to other members. Only the owner continues,
// renames or deletes one.
import "server-only";

import type { UIMessage } from "ai";
import { z } from "zod";

import { withTenant } from "../db/tenant";
import type { AssistantConversation } from "../db/generated/client";
import { AppError, parseInput } from "@/lib/errors";
import { singleLineText } from "@/lib/text";
import { assertCan, type TenantContext } from "../tenancy/context";
import { can } from "../tenancy/permissions";

export interface ConversationSummary {
  id: string;
  title: string;
  domain: string;
  agentId: string | null;
  userId: string;
  inputTokens: number;
  outputTokens: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface StoredMessage {
  id: string;
  role: UIMessage["role"];
  parts: UIMessage["parts"];
  metadata: { engine: string | null; inputTokens: number; outputTokens: number; createdAt: string };
}

function summary(row: AssistantConversation): ConversationSummary {
  return {
    id: row.id,
    title: row.title,
    domain: row.domain,
    agentId: row.agentId,
    userId: row.userId,
    inputTokens: row.inputTokens,
    outputTokens: row.outputTokens,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export const listConversationsQuery = z.object({
  q: z.string().trim().max(100).optional(),
  /** Admins may list everyone's; others see their own whatever they ask. */
  all: z.boolean().optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

export async function listConversations(
  ctx: TenantContext,
  input: z.input<typeof listConversationsQuery> = {},
): Promise<ConversationSummary[]> {
  assertCan(ctx, "assistants:use");
  const { q, all, limit } = parseInput(listConversationsQuery, input);
  const everyone = all === true && can(ctx.role, "assistants:manage");
  const rows = await withTenant(ctx.tenant.id, (tx) =>
    tx.assistantConversation.findMany({
      where: {
        ...(everyone ? {} : { userId: ctx.user.id }),
        ...(q ? { title: { contains: q, mode: "insensitive" as const } } : {}),
      },
      orderBy: { updatedAt: "desc" },
      take: limit,
    }),
  );
  return rows.map(summary);
}

/** The conversation if the caller may read it (owner or admin); 404 otherwise. */
export async function getConversation(
  ctx: TenantContext,
  id: string,
): Promise<{ conversation: ConversationSummary; messages: StoredMessage[] }> {
  assertCan(ctx, "assistants:use");
  const found = await withTenant(ctx.tenant.id, async (tx) => {
    const conversation = await tx.assistantConversation.findFirst({ where: { id } });
    if (!conversation) return null;
    if (conversation.userId !== ctx.user.id && !can(ctx.role, "assistants:manage")) return null;
    const messages = await tx.assistantMessage.findMany({
      where: { conversationId: id },
      orderBy: { createdAt: "asc" },
    });
    return { conversation, messages };
  });
  if (!found) throw AppError.notFound("No such conversation.");
  return {
    conversation: summary(found.conversation),
    messages: found.messages.map((m) => ({
      id: m.id,
      role: m.role as UIMessage["role"],
      parts: m.parts as UIMessage["parts"],
      metadata: {
        engine: m.engine,
        inputTokens: m.inputTokens,
        outputTokens: m.outputTokens,
        createdAt: m.createdAt.toISOString(),
      },
    })),
  };
}

export const renameSchema = z.object({ title: singleLineText().min(1, "Give it a title.").max(120) });

async function ownConversation(ctx: TenantContext, id: string) {
  const row = await withTenant(ctx.tenant.id, (tx) => tx.assistantConversation.findFirst({ where: { id } }));
  if (!row || row.userId !== ctx.user.id) throw AppError.notFound("No such conversation.");
  return row;
}

export async function renameConversation(ctx: TenantContext, id: string, input: unknown): Promise<ConversationSummary> {
  assertCan(ctx, "assistants:use");
  const { title } = parseInput(renameSchema, input);
  await ownConversation(ctx, id);
  const row = await withTenant(ctx.tenant.id, (tx) =>
    tx.assistantConversation.update({ where: { tenantId_id: { tenantId: ctx.tenant.id, id } }, data: { title } }),
  );
  return summary(row);
}

export async function deleteConversation(ctx: TenantContext, id: string): Promise<void> {
  assertCan(ctx, "assistants:use");
  await ownConversation(ctx, id);
  await withTenant(ctx.tenant.id, (tx) => tx.assistantConversation.deleteMany({ where: { id, userId: ctx.user.id } }));
}
