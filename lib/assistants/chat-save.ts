// What a chat turn writes: the question (and a new conversation) before or beside the answer, and
// the answer with its tokens (the message, the conversation's totals, the `ai_tokens` meter) once
// the stream is over. Each is one transaction.
import "server-only";

import { randomUUID } from "node:crypto";

import { withTenant } from "../db/tenant";
import type { Prisma } from "../db/generated/client";
import type { TenantContext } from "../tenancy/context";
import { AI_TOKENS_EVENT } from "../usage/summary";
import type { ChatAgent, ChatMessage } from "./history";
import { addCachedTokens } from "./limits";
import { redactSecrets } from "./tools";

export interface QuestionWrite {
  ctx: TenantContext;
  conversationId: string;
  isNewConversation: boolean;
  agent: ChatAgent;
  now: Date;
  /** The conversation before the new message (the client's earlier messages when it is new). */
  history: ChatMessage[];
  newUser: ChatMessage | null;
  /** The question is one the server already holds (regenerate, edit and continue). */
  regenerating: boolean;
  /** Its text changed (edit and continue): rewritten in place. */
  edited: boolean;
  /** Answers after a regenerated question, dropped. */
  dropped: string[];
  /** Approval decisions on the last stored answer (history's last message is that answer, decided). */
  continuation: boolean;
  question: string;
}

/** Persists the question (and a new conversation, or a regenerate's dropped answers) in one transaction. */
export function writeQuestion(w: QuestionWrite): Promise<void> {
  const { ctx, conversationId: id, isNewConversation, history, newUser } = w;
  return withTenant(ctx.tenant.id, async (tx) => {
    if (isNewConversation) {
      await tx.assistantConversation.create({
        data: {
          tenantId: ctx.tenant.id,
          id,
          userId: ctx.user.id,
          agentId: w.agent.id,
          domain: w.agent.domain,
          title: w.question.replace(/\s+/g, " ").slice(0, 80) || "New conversation",
          updatedAt: w.now,
        },
      });
    }
    const rows = [
      ...(isNewConversation ? history : []).map((earlier) => ({
        role: earlier.role,
        id: earlier.id,
        parts: earlier.parts,
      })),
      ...(newUser && !w.regenerating ? [{ role: "user" as const, id: newUser.id, parts: newUser.parts }] : []),
    ];
    if (w.dropped.length > 0)
      await tx.assistantMessage.deleteMany({ where: { conversationId: id, id: { in: w.dropped } } });
    if (rows.length > 0) {
      // One statement; createdAt steps by a millisecond so the order survives.
      await tx.assistantMessage.createMany({
        data: rows.map((row, index) => ({
          tenantId: ctx.tenant.id,
          id: row.id,
          conversationId: id,
          role: row.role,
          parts: row.parts as Prisma.InputJsonValue,
          ...(rows.length > 1 ? { createdAt: new Date(Date.now() - (rows.length - 1 - index)) } : {}),
        })),
      });
    }
    if (w.edited && newUser) {
      await tx.assistantMessage.updateMany({
        where: { id: newUser.id, conversationId: id },
        data: { parts: newUser.parts as Prisma.InputJsonValue },
      });
    }
    if (w.continuation) {
      const last = history.at(-1);
      if (last) {
        await tx.assistantMessage.updateMany({
          where: { id: last.id, conversationId: id },
          data: { parts: last.parts as Prisma.InputJsonValue },
        });
      }
    }
    if (!isNewConversation) await tx.assistantConversation.updateMany({ where: { id }, data: { updatedAt: w.now } });
  });
}

export interface AnswerSave {
  ctx: TenantContext;
  conversationId: string;
  agent: ChatAgent;
  /** The engine's model id, stored on the message and the meter event. */
  modelId: string;
  usage: { inputTokens: number; outputTokens: number };
  message: ChatMessage;
}

/**
 * Saves the answer (a continuation updates its message and adds its tokens), the conversation's
 * token totals and one `ai_tokens` meter event, in one transaction; then the cached monthly count.
 */
export async function saveAnswer({ ctx, conversationId, agent, modelId, usage, message }: AnswerSave): Promise<void> {
  const parts = redactSecrets(message.parts) as Prisma.InputJsonValue;
  const tokens = usage.inputTokens + usage.outputTokens;
  await withTenant(ctx.tenant.id, async (tx) => {
    const existing = await tx.assistantMessage.findFirst({ where: { id: message.id } });
    if (existing) {
      await tx.assistantMessage.updateMany({
        where: { id: message.id },
        data: {
          parts,
          engine: modelId,
          inputTokens: existing.inputTokens + usage.inputTokens,
          outputTokens: existing.outputTokens + usage.outputTokens,
        },
      });
    } else {
      await tx.assistantMessage.create({
        data: {
          tenantId: ctx.tenant.id,
          id: message.id,
          conversationId,
          role: "assistant",
          parts,
          engine: modelId,
          inputTokens: usage.inputTokens,
          outputTokens: usage.outputTokens,
        },
      });
    }
    await tx.assistantConversation.updateMany({
      where: { id: conversationId },
      data: {
        inputTokens: { increment: usage.inputTokens },
        outputTokens: { increment: usage.outputTokens },
        updatedAt: new Date(),
      },
    });
    if (tokens > 0) {
      await tx.usageEvent.create({
        data: {
          tenantId: ctx.tenant.id,
          idempotencyKey: `ai:${randomUUID()}`,
          eventName: AI_TOKENS_EVENT,
          value: tokens,
          occurredAt: new Date(),
          properties: {
            conversation_id: conversationId,
            agent_id: agent.id ?? `template:${agent.domain}`,
            user_id: ctx.user.id,
            input_tokens: usage.inputTokens,
            output_tokens: usage.outputTokens,
            engine: modelId,
          },
        },
      });
    }
  });
  if (tokens > 0) await addCachedTokens(ctx.tenant.id, new Date(), tokens);
}

/** Tool calls in an answer that wait for a person's approval. */
export function pendingApprovalsOf(message: ChatMessage): { approvalId: string; toolName: string; input: unknown }[] {
  const pending: { approvalId: string; toolName: string; input: unknown }[] = [];
  for (const part of message.parts) {
    const p = part as { type: string; state?: string; approval?: { id: string }; input?: unknown };
    if (p.type.startsWith("tool-") && p.state === "approval-requested" && p.approval) {
      pending.push({ approvalId: p.approval.id, toolName: p.type.slice(5), input: p.input });
    }
  }
  return pending;
}
