// One chat turn: authorise, limit (limits.ts), load the conversation the server keeps
// (history.ts; the client's copy of earlier messages is never trusted: it sends only its new
// message, or its approval decisions on approval requests the server stored), arrange the
// question's write (chat-save.ts), then stream the answer with the agent's tools (chat-stream.ts:
// the assessment part last, then the message persisted and its tokens metered); resume and stop.
import "server-only";

import { UI_MESSAGE_STREAM_HEADERS } from "ai";
import { randomUUID } from "node:crypto";

import { withTenant } from "../db/tenant";
import { AppError, parseInput } from "@/lib/errors";
import { assertActive, assertCan, type TenantContext } from "../tenancy/context";
import { writeQuestion } from "./chat-save";
import { streamTurn, type ChatTurn, type TurnOutcome } from "./chat-stream";
import { DOMAIN_TEMPLATES, isActingTool } from "./domains";
import { applyApprovals, loadAgent, loadConversation, textOf, toolResultsOfParts, type ChatMessage } from "./history";
import { assertChatLimits } from "./limits";
import { resolveModel, type ResolvedModel } from "./providers";
import { chatRequestSchema, type ChatRequest } from "./schemas";
import { buildTools } from "./tools";
import { openRecordedStream, resumeRecordedStream, stopRecordedStream } from "./streams";

export type { ChatTurn, TurnOutcome } from "./chat-stream";
export { chatRequestSchema, type ChatRequest } from "./schemas";
export { applyApprovals, templateAgent, type ChatAgent, type ChatMessage, type MessageMetadata } from "./history";
export { tokensThisMonth } from "./limits";

export interface ChatOptions {
  /** Replaces the configured engine (tests, benchmarks). */
  model?: ResolvedModel;
  abortSignal?: AbortSignal;
  now?: Date;
  /**
   * Record the stream so a reload or a dropped connection can resume it (the SSE form). The turn
   * then runs to its end even when the request goes away; it stops through stopChat.
   */
  resumable?: boolean;
}

// ─── The turn ─────────────────────────────────────────────────────────────────

export async function startChat(
  ctx: TenantContext,
  request: ChatRequest,
  options: ChatOptions = {},
): Promise<ChatTurn> {
  assertCan(ctx, "assistants:use");
  assertActive(ctx);
  const body = parseInput(chatRequestSchema, request);
  const now = options.now ?? new Date();

  // The conversation the server keeps and the agent it is with, read while the rate limit and the
  // token allowance are checked (the pre-stream path is on the first token's clock).
  const given = body.conversation_id ?? null;
  const loading = given
    ? loadConversation(ctx, given)
    : loadAgent(ctx, body.agent_id ?? null, body.agent_id ? undefined : body.domain).then((agent) => ({
        agent,
        history: [] as ChatMessage[],
      }));
  const [loaded] = await Promise.all([loading, assertChatLimits(ctx, now)]);
  let history = loaded.history;
  const agent = loaded.agent;
  const isNewConversation = given === null;
  const conversationId = given ?? randomUUID();

  // The new message: a question, or approval decisions on the last stored answer.
  let continuation = false;
  let newUser: ChatMessage | null = null;
  if (body.message) {
    if (body.message.role === "user") {
      const text = textOf(body.message);
      if (!text) throw new AppError("validation_failed", "Write a message.", { message: ["Write a message."] });
      newUser = { id: body.message.id, role: "user", parts: [{ type: "text", text: text.slice(0, 100_000) }] };
    } else {
      const last = history.at(-1);
      if (!last || last.role !== "assistant" || last.id !== body.message.id) {
        throw new AppError("conflict", "That answer is no longer the latest in this conversation.");
      }
      const { message, decided } = applyApprovals(last, body.message);
      if (decided === 0)
        throw new AppError("validation_failed", "Nothing to approve or decline.", { message: ["No decisions."] });
      history = [...history.slice(0, -1), message];
      continuation = true;
    }
  } else if (body.messages) {
    const given = body.messages.map<ChatMessage>((m) => ({
      id: randomUUID(),
      role: m.role,
      parts: [{ type: "text", text: m.content }],
    }));
    const lastGiven = given.at(-1);
    if (!lastGiven) throw new AppError("validation_failed", "Send messages.", { messages: ["Send messages."] });
    if (!isNewConversation) newUser = lastGiven;
    else {
      history = given.slice(0, -1);
      newUser = lastGiven;
    }
  }
  // Regenerate: the client resends a question the server already holds; the answers after it go.
  // Edit and continue: the same, with new text for that question (it is rewritten in place).
  let dropped: string[] = [];
  const userId = newUser?.id;
  const storedIndex = userId ? history.findIndex((m) => m.id === userId) : -1;
  const stored = history[storedIndex];
  let edited = false;
  if (stored && newUser) {
    if (stored.role !== "user") throw new AppError("conflict", "That message is not a question of this conversation.");
    dropped = history.slice(storedIndex + 1).map((m) => m.id);
    history = history.slice(0, storedIndex);
    edited = textOf(newUser) !== textOf(stored);
    if (!edited) newUser = stored;
  }

  // Persist the question (and a new conversation). A resumable turn (the app) starts the write at
  // once, beside the model's start, and its answer's first chunk waits for it (chat-stream.ts): a
  // reload must find the conversation. Other turns (the JSON API) write it when a tool first runs
  // (their records refer to the conversation) or after the stream, with the answer, so nothing is
  // written while the answer streams. A failed write ends the turn with a message.
  let saving: Promise<void> | null = null;
  const write = {
    ctx,
    conversationId,
    isNewConversation,
    agent,
    now,
    history,
    newUser,
    regenerating: stored !== undefined,
    edited,
    dropped,
    continuation,
    question: newUser ? textOf(newUser) : "",
  };
  const question = {
    current: () => saving,
    ensure: () => {
      saving ??= writeQuestion(write);
      saving.catch(() => undefined);
      return saving;
    },
  };
  if (options.resumable) void question.ensure();
  const messages: ChatMessage[] = newUser ? [...history, newUser] : history;
  const tools = afterSaved(
    buildTools({ ctx, agentName: agent.name, conversationId, now }, agent.tools),
    question.ensure,
  );
  return streamTurn({
    ctx,
    agent,
    conversationId,
    messages,
    system: [
      DOMAIN_TEMPLATES[agent.domain].systemPrompt,
      agent.instructions && `Workspace instructions: ${agent.instructions}`,
    ]
      .filter(Boolean)
      .join("\n\n"),
    tools,
    resolved: options.model ?? resolveModel({ tier: ctx.tier, agentModel: agent.model }),
    earlierResults: continuation ? toolResultsOfParts(history.at(-1)?.parts ?? []) : [],
    abortSignal: options.abortSignal,
    ...(options.resumable ? { recorder: openRecordedStream(ctx.tenant.id, conversationId) } : {}),
    question,
  });
}

/** The SSE response of a turn (a resumable turn records the same bytes as it streams, for GET …/stream). */
export function chatStreamResponse(turn: ChatTurn): Response {
  return new Response(turn.sse(), {
    headers: { ...UI_MESSAGE_STREAM_HEADERS, "x-conversation-id": turn.conversationId },
  });
}

/** Tools run only once the turn's question is saved (their records refer to the conversation). */
function afterSaved<T extends Record<string, { execute?: unknown }>>(tools: T, saved: () => Promise<unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [name, t] of Object.entries(tools)) {
    const execute = t.execute as ((...args: unknown[]) => unknown) | undefined;
    out[name] = execute
      ? {
          ...t,
          execute: async (...args: unknown[]) => {
            await saved();
            return execute(...args);
          },
        }
      : t;
  }
  return out as T;
}

/** Reads a turn to its end (the JSON form of the chat API). */
export async function runChatToEnd(turn: ChatTurn): Promise<TurnOutcome> {
  const reader = turn.stream.getReader();
  while (!(await reader.read()).done) {
    /* drain */
  }
  return turn.done;
}

export function isActingToolName(name: string): boolean {
  return isActingTool(name);
}

async function assertOwnConversation(ctx: TenantContext, conversationId: string): Promise<void> {
  assertCan(ctx, "assistants:use");
  const row = await withTenant(ctx.tenant.id, (tx) =>
    tx.assistantConversation.findFirst({ where: { id: conversationId }, select: { userId: true } }),
  );
  if (!row || row.userId !== ctx.user.id) throw AppError.notFound("No such conversation.");
}

/** The running (or just finished, not yet saved) answer of a conversation, replayed then followed; 204 when none. */
export async function resumeChat(ctx: TenantContext, conversationId: string): Promise<Response> {
  await assertOwnConversation(ctx, conversationId);
  const stream = await resumeRecordedStream(ctx.tenant.id, conversationId);
  if (!stream) return new Response(null, { status: 204 });
  return new Response(stream.pipeThrough(new TextEncoderStream()), { headers: UI_MESSAGE_STREAM_HEADERS });
}

/** Stops a conversation's running answer (what was streamed is saved). */
export async function stopChat(ctx: TenantContext, conversationId: string): Promise<boolean> {
  await assertOwnConversation(ctx, conversationId);
  return stopRecordedStream(ctx.tenant.id, conversationId);
}
