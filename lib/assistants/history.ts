// What a chat turn starts from: the agent (a workspace agent or a domain template) and the
// conversation the server keeps, the approval decisions applied to it, and the messages' text.
import "server-only";

import type { UIMessage } from "ai";

import { withTenant } from "../db/tenant";
import { AppError } from "@/lib/errors";
import type { TenantContext } from "../tenancy/context";
import { toAgent } from "./agents";
import type { TurnToolResult } from "./assessment";
import { DOMAIN_TEMPLATES, isDomain, type Domain, type ToolName } from "./domains";

export interface ChatAgent {
  id: string | null;
  name: string;
  domain: Domain;
  instructions: string;
  model: string | null;
  tools: ToolName[];
}

export interface MessageMetadata {
  engine?: string;
  offline?: boolean;
  agent?: string;
  inputTokens?: number;
  outputTokens?: number;
}

export type ChatMessage = UIMessage<MessageMetadata>;

export function templateAgent(domain: Domain): ChatAgent {
  const template = DOMAIN_TEMPLATES[domain];
  return {
    id: null,
    name: `${template.label} assistant`,
    domain,
    instructions: "",
    model: null,
    tools: [...template.tools],
  };
}

export async function loadAgent(
  ctx: TenantContext,
  agentId: string | null,
  domain: string | undefined,
): Promise<ChatAgent> {
  if (agentId) {
    const row = await withTenant(ctx.tenant.id, (tx) => tx.assistantAgent.findFirst({ where: { id: agentId } }));
    if (row) return toAgent(row);
    if (!domain) throw AppError.notFound("No such agent in this workspace.");
  }
  if (!domain || !isDomain(domain)) throw AppError.notFound("No such agent in this workspace.");
  return templateAgent(domain);
}

export function textOf(message: { parts: unknown[] }): string {
  return message.parts
    .map((part) => {
      const p = part as { type?: unknown; text?: unknown };
      return p.type === "text" && typeof p.text === "string" ? p.text : "";
    })
    .join("\n")
    .trim();
}

/** Applies the client's approval decisions to the approval requests the server stored. */
export function applyApprovals(
  stored: ChatMessage,
  incoming: { parts: Record<string, unknown>[] },
): { message: ChatMessage; decided: number } {
  const decisions = new Map<string, { approved: boolean; reason?: string }>();
  for (const part of incoming.parts) {
    const approval = part.approval as { id?: unknown; approved?: unknown; reason?: unknown } | undefined;
    if (
      part.state === "approval-responded" &&
      approval &&
      typeof approval.id === "string" &&
      typeof approval.approved === "boolean"
    ) {
      decisions.set(approval.id, {
        approved: approval.approved,
        ...(typeof approval.reason === "string" ? { reason: approval.reason.slice(0, 500) } : {}),
      });
    }
  }
  let decided = 0;
  const parts = stored.parts.map((part) => {
    const p = part as Record<string, unknown> & { approval?: { id: string } };
    if (p.state !== "approval-requested" || !p.approval) return part;
    const decision = decisions.get(p.approval.id);
    if (!decision) return part;
    decided += 1;
    return { ...p, state: "approval-responded", approval: { ...p.approval, ...decision } } as unknown as typeof part;
  });
  return { message: { ...stored, parts }, decided };
}

/** Tool results already in a message's parts (a continuation after an approval builds on them). */
export function toolResultsOfParts(parts: readonly unknown[]): TurnToolResult[] {
  const out: TurnToolResult[] = [];
  for (const part of parts) {
    const p = part as { type?: unknown; state?: unknown; output?: unknown; errorText?: unknown };
    if (typeof p.type !== "string" || !p.type.startsWith("tool-")) continue;
    const toolName = p.type.slice("tool-".length);
    if (p.state === "output-available") out.push({ toolName, output: p.output });
    if (p.state === "output-error") out.push({ toolName, output: undefined, error: String(p.errorText ?? "error") });
  }
  return out;
}

export function friendlyError(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === "AbortError" || name === "TimeoutError")
    return "The assistant took too long and the answer was stopped. Retry to ask again.";
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (status === 429) return "The AI provider is rate limiting requests right now. Retry in a moment.";
  if (status === 401 || status === 403)
    return "The AI provider refused the configured credentials. An operator should check the AI settings.";
  return "The AI provider failed while answering. What was streamed is kept; retry to ask again.";
}

export async function loadConversation(
  ctx: TenantContext,
  conversationId: string,
): Promise<{ agent: ChatAgent; history: ChatMessage[] }> {
  const found = await withTenant(ctx.tenant.id, async (tx) => {
    const conversation = await tx.assistantConversation.findFirst({ where: { id: conversationId } });
    if (!conversation || conversation.userId !== ctx.user.id) return null;
    const [messages, agentRow] = await Promise.all([
      tx.assistantMessage.findMany({ where: { conversationId: conversation.id }, orderBy: { createdAt: "asc" } }),
      conversation.agentId ? tx.assistantAgent.findFirst({ where: { id: conversation.agentId } }) : null,
    ]);
    return { conversation, messages, agentRow };
  });
  if (!found) throw AppError.notFound("No such conversation.");
  const history = found.messages.map<ChatMessage>((m) => ({
    id: m.id,
    role: m.role as ChatMessage["role"],
    parts: m.parts as ChatMessage["parts"],
  }));
  const { conversation, agentRow } = found;
  if (agentRow) return { agent: toAgent(agentRow), history };
  if (!isDomain(conversation.domain)) throw AppError.notFound("No such agent in this workspace.");
  return { agent: templateAgent(conversation.domain), history };
}
