// One chat turn: authorise, limit (limits.ts), load the conversation the server keeps
// (history.ts; the client's copy of earlier messages is never trusted: it sends only its new
// message, or its approval decisions on approval requests the server stored), run streamText with
// the agent's tools, end the answer with the structured assessment part, then persist the message
// and meter its tokens.
import "server-only";

import {
  convertToModelMessages,
  createUIMessageStreamResponse,
  readUIMessageStream,
  stepCountIs,
  streamText,
  type UIMessageChunk,
} from "ai";
import { randomUUID } from "node:crypto";

import { withTenant } from "../db/tenant";
import type { Prisma } from "../db/generated/client";
import { env } from "../env";
import { logger } from "../observability/logger";
import { AppError, parseInput } from "@/lib/errors";
import { assertActive, assertCan, type TenantContext } from "../tenancy/context";
import { AI_TOKENS_EVENT } from "../usage/summary";
import { assess, type Assessment, type TurnToolResult } from "./assessment";
import { DOMAIN_TEMPLATES, isActingTool } from "./domains";
import {
  applyApprovals,
  friendlyError,
  loadAgent,
  loadConversation,
  textOf,
  toolResultsOfParts,
  type ChatMessage,
  type MessageMetadata,
} from "./history";
import { addCachedTokens, assertChatLimits } from "./limits";
import { resolveModel, type Engine, type ResolvedModel } from "./providers";
import { chatRequestSchema, type ChatRequest } from "./schemas";
import { buildTools, redactSecrets } from "./tools";
import { recordLlmTurn } from "./metrics";
import { openRecordedStream, resumeRecordedStream, stopRecordedStream, type RecordedStream } from "./streams";

export { chatRequestSchema, type ChatRequest } from "./schemas";
export { applyApprovals, templateAgent, type ChatAgent, type ChatMessage, type MessageMetadata } from "./history";
export { tokensThisMonth } from "./limits";

export interface TurnOutcome {
  conversationId: string;
  messageId: string;
  text: string;
  assessment: Assessment;
  usage: { inputTokens: number; outputTokens: number };
  engine: Engine;
  agent: string;
  error: string | null;
  /** Tool calls waiting for a person's approval. */
  pendingApprovals: { approvalId: string; toolName: string; input: unknown }[];
}

export interface ChatTurn {
  conversationId: string;
  stream: ReadableStream<UIMessageChunk>;
  done: Promise<TurnOutcome>;
  /** Set when the turn is resumable: its recording (pushed to as the stream goes). */
  recorder?: RecordedStream;
}

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
  const regenerating = stored !== undefined;

  // Persist the question (and a new conversation). A resumable turn (the app) writes it at once,
  // while the model starts: a reload must find the conversation. Other turns (the JSON API) write
  // it when a tool first runs (their records refer to the conversation) or after the stream, with
  // the answer, so nothing is written while the answer streams. A failed write ends the turn.
  const question = newUser ? textOf(newUser) : "";
  let saving: Promise<void> | null = null;
  const ensureSaved = () => {
    saving ??= writeQuestion();
    saving.catch(() => undefined);
    return saving;
  };
  const writeQuestion = () =>
    withTenant(ctx.tenant.id, async (tx) => {
      const id = conversationId;
      if (isNewConversation) {
        await tx.assistantConversation.create({
          data: {
            tenantId: ctx.tenant.id,
            id,
            userId: ctx.user.id,
            agentId: agent.id,
            domain: agent.domain,
            title: question.replace(/\s+/g, " ").slice(0, 80) || "New conversation",
            updatedAt: now,
          },
        });
      }
      const rows = [
        ...(isNewConversation ? history : []).map((earlier) => ({
          role: earlier.role,
          id: earlier.id,
          parts: earlier.parts,
        })),
        ...(newUser && !regenerating ? [{ role: "user" as const, id: newUser.id, parts: newUser.parts }] : []),
      ];
      if (dropped.length > 0)
        await tx.assistantMessage.deleteMany({ where: { conversationId: id, id: { in: dropped } } });
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
      if (edited && newUser) {
        await tx.assistantMessage.updateMany({
          where: { id: newUser.id, conversationId: id },
          data: { parts: newUser.parts as Prisma.InputJsonValue },
        });
      }
      if (continuation) {
        const last = history.at(-1);
        if (last) {
          await tx.assistantMessage.updateMany({
            where: { id: last.id, conversationId: id },
            data: { parts: last.parts as Prisma.InputJsonValue },
          });
        }
      }
      if (!isNewConversation) await tx.assistantConversation.updateMany({ where: { id }, data: { updatedAt: now } });
    });
  if (options.resumable) void ensureSaved();
  const messages: ChatMessage[] = newUser ? [...history, newUser] : history;
  const resolved = options.model ?? resolveModel({ tier: ctx.tier, agentModel: agent.model });
  const engine = resolved.engine;
  const tools = afterSaved(buildTools({ ctx, agentName: agent.name, conversationId, now }, agent.tools), ensureSaved);
  const system = [
    DOMAIN_TEMPLATES[agent.domain].systemPrompt,
    agent.instructions && `Workspace instructions: ${agent.instructions}`,
  ]
    .filter(Boolean)
    .join("\n\n");
  const earlierResults = continuation ? toolResultsOfParts(history.at(-1)?.parts ?? []) : [];

  let resolveDone!: (outcome: TurnOutcome) => void;
  let rejectDone!: (error: unknown) => void;
  const done = new Promise<TurnOutcome>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  const turn = {
    usage: { inputTokens: 0, outputTokens: 0 },
    assessment: assess([]),
    error: null as string | null,
    stopped: false,
  };
  const timeout = AbortSignal.timeout(env.AI_TIMEOUT_MS);
  const recorder = options.resumable ? openRecordedStream(ctx.tenant.id, conversationId) : undefined;
  const abortSignal = AbortSignal.any(
    [timeout, options.abortSignal, recorder?.signal].filter((x): x is AbortSignal => x !== undefined),
  );
  const started = performance.now();
  let firstTokenAt: number | null = null;
  const metadata: MessageMetadata = { engine: engine.label, offline: engine.offline, agent: agent.name };

  // The answer streams through one stage of ours over the AI SDK's UI message stream: it adds the
  // conversation id first and the assessment last, and keeps the chunks (and their SSE form for a
  // resumable turn's recording). Nothing else runs per chunk: the saved message is built from the
  // kept chunks once the stream is over (the same reducer useChat runs), then saved and metered.
  const chunks: UIMessageChunk[] = [];
  const source = (async () => {
    const result = streamText({
      model: resolved.model,
      system,
      messages: await convertToModelMessages(messages, { tools, ignoreIncompleteToolCalls: true }),
      tools,
      stopWhen: stepCountIs(6),
      abortSignal,
      maxRetries: 1,
      onError: ({ error }) => {
        turn.error = friendlyError(error);
        logger.warn("assistant provider error", { error, provider: engine.provider, tenantId: ctx.tenant.id });
      },
    });
    const reader = result
      .toUIMessageStream<ChatMessage>({
        sendFinish: false,
        originalMessages: messages,
        generateMessageId: () => randomUUID(),
        messageMetadata: ({ part }) => (part.type === "start" ? metadata : undefined),
        onError: (error) => {
          turn.error = friendlyError(error);
          return turn.error;
        },
      })
      .getReader();
    return { result, reader };
  })();
  source.catch(() => undefined);

  /** The chunks after the model's: the assessment, an error notice, the finish. */
  const tail = async (): Promise<UIMessageChunk[]> => {
    const results: TurnToolResult[] = [...earlierResults];
    try {
      const { result } = await source;
      const steps = await result.steps;
      for (const step of steps) {
        for (const r of step.toolResults) results.push({ toolName: r.toolName, output: r.output });
        for (const c of step.content) {
          if (c.type === "tool-error")
            results.push({
              toolName: c.toolName,
              output: undefined,
              error: String((c.error as Error)?.message ?? c.error),
            });
        }
      }
      const usage = await result.totalUsage;
      turn.usage = { inputTokens: usage.inputTokens ?? 0, outputTokens: usage.outputTokens ?? 0 };
    } catch (error) {
      turn.error ??= friendlyError(error);
    }
    try {
      // Only a write already under way is waited for here (the JSON form's is after the stream).
      if (saving) await saving;
    } catch (error) {
      logger.error("assistant question not saved", { error, tenantId: ctx.tenant.id });
      turn.error ??= "The conversation could not be saved. Retry to ask again.";
    }
    const callerGone =
      options.abortSignal?.aborted === true &&
      (options.abortSignal.reason as { name?: unknown } | undefined)?.name !== "TimeoutError";
    if ((recorder?.signal.aborted || callerGone) && !timeout.aborted) {
      // Stopped by the person (or the JSON caller went away): what was streamed is the answer.
      turn.stopped = true;
      turn.error = null;
    } else if (abortSignal.aborted && !turn.error)
      turn.error = friendlyError(new DOMException("timeout", "TimeoutError"));
    turn.assessment = assess(results, { streamFailed: turn.error !== null });
    return [
      { type: "data-assessment", data: turn.assessment },
      ...(turn.error ? [{ type: "data-notice" as const, data: { kind: "error", message: turn.error } }] : []),
      {
        type: "finish",
        messageMetadata: { ...metadata, inputTokens: turn.usage.inputTokens, outputTokens: turn.usage.outputTokens },
      },
    ];
  };

  let detached = false;
  let over = false;
  const keep = (chunk: UIMessageChunk) => {
    chunks.push(chunk);
    recorder?.push(`data: ${JSON.stringify(chunk)}\n\n`);
  };
  /** Reads the next chunk(s) to pass on; null once the turn's stream is over. */
  const read = async (): Promise<UIMessageChunk[] | null> => {
    if (over) return null;
    try {
      const { reader } = await source;
      const { done: ended, value } = await reader.read();
      if (!ended) {
        if (firstTokenAt === null && (value.type === "text-delta" || value.type === "tool-input-available"))
          firstTokenAt = performance.now();
        return [value];
      }
      over = true;
      return await tail();
    } catch (error) {
      // The model's stream reports its own errors as chunks; this is the turn's setup failing.
      over = true;
      logger.error("assistant turn failed", { error, tenantId: ctx.tenant.id });
      turn.error ??= friendlyError(error);
      return [{ type: "error", errorText: turn.error }];
    }
  };
  // One read at a time (a cancel may come while a pull waits), so the tail runs once, in order.
  let reading: Promise<UIMessageChunk[] | null> = Promise.resolve(null);
  const next = () => (reading = reading.then(read, read));
  const conversationChunk: UIMessageChunk = {
    type: "data-conversation",
    data: { id: conversationId },
    transient: true,
  };
  const stream = new ReadableStream<UIMessageChunk>({
    start(controller) {
      keep(conversationChunk);
      controller.enqueue(conversationChunk);
    },
    async pull(controller) {
      const out = await next();
      if (out === null) {
        if (!detached) controller.close();
        finishTurn();
        return;
      }
      for (const chunk of out) {
        keep(chunk);
        if (!detached) controller.enqueue(chunk);
      }
    },
    async cancel(reason) {
      detached = true;
      if (recorder) {
        // A resumable answer runs on without its request: read it to its end for the recording.
        for (let out = await next(); out !== null; out = await next()) out.forEach(keep);
      } else {
        over = true;
        await source.then(({ reader }) => reader.cancel(reason)).catch(() => undefined);
        // What was streamed is the answer (stopped, not failed).
        turn.stopped = true;
      }
      finishTurn();
    },
  });

  let finished = false;
  /** Once the stream is over (read to its end, or cancelled): record, save, meter. Off the stream's clock. */
  const finishTurn = () => {
    if (finished) return;
    finished = true;
    recordLlmTurn({
      provider: engine.provider,
      outcome: turn.stopped
        ? "stopped"
        : turn.error === null
          ? "ok"
          : /took too long/.test(turn.error)
            ? "timeout"
            : "error",
      usage: turn.usage,
      seconds: (performance.now() - started) / 1000,
      firstTokenSeconds: firstTokenAt === null ? null : (firstTokenAt - started) / 1000,
    });
    if (recorder) {
      recorder.push("data: [DONE]\n\n");
      void recorder.end(done);
    }
    void buildAnswer().then(persistAnswer, (error: unknown) => {
      logger.error("assistant answer not built", { error, tenantId: ctx.tenant.id });
      rejectDone(error);
    });
  };
  /** The answer as useChat holds it: the kept chunks through the AI SDK's own message reducer. */
  const buildAnswer = async (): Promise<ChatMessage> => {
    const last = messages.at(-1);
    let message: ChatMessage | undefined;
    for await (const snapshot of readUIMessageStream<ChatMessage>({
      message: last?.role === "assistant" ? structuredClone(last) : undefined,
      stream: new ReadableStream<UIMessageChunk>({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(chunk);
          controller.close();
        },
      }),
    }))
      message = snapshot;
    // No `start` chunk (the turn failed before the model answered): a message of its own.
    return message?.id ? message : { role: "assistant", parts: [], ...message, id: randomUUID() };
  };
  const persistAnswer = async (responseMessage: ChatMessage) => {
    {
      try {
        await ensureSaved();
        const parts = redactSecrets(responseMessage.parts) as Prisma.InputJsonValue;
        const tokens = turn.usage.inputTokens + turn.usage.outputTokens;
        await withTenant(ctx.tenant.id, async (tx) => {
          const existing = await tx.assistantMessage.findFirst({ where: { id: responseMessage.id } });
          if (existing) {
            await tx.assistantMessage.updateMany({
              where: { id: responseMessage.id },
              data: {
                parts,
                engine: engine.modelId,
                inputTokens: existing.inputTokens + turn.usage.inputTokens,
                outputTokens: existing.outputTokens + turn.usage.outputTokens,
              },
            });
          } else {
            await tx.assistantMessage.create({
              data: {
                tenantId: ctx.tenant.id,
                id: responseMessage.id,
                conversationId: conversationId,
                role: "assistant",
                parts,
                engine: engine.modelId,
                inputTokens: turn.usage.inputTokens,
                outputTokens: turn.usage.outputTokens,
              },
            });
          }
          await tx.assistantConversation.updateMany({
            where: { id: conversationId },
            data: {
              inputTokens: { increment: turn.usage.inputTokens },
              outputTokens: { increment: turn.usage.outputTokens },
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
                  input_tokens: turn.usage.inputTokens,
                  output_tokens: turn.usage.outputTokens,
                  engine: engine.modelId,
                },
              },
            });
          }
        });
        if (tokens > 0) await addCachedTokens(ctx.tenant.id, new Date(), tokens);
        const pendingApprovals: TurnOutcome["pendingApprovals"] = [];
        for (const part of responseMessage.parts) {
          const p = part as { type: string; state?: string; approval?: { id: string }; input?: unknown };
          if (p.type.startsWith("tool-") && p.state === "approval-requested" && p.approval) {
            pendingApprovals.push({ approvalId: p.approval.id, toolName: p.type.slice(5), input: p.input });
          }
        }
        resolveDone({
          conversationId: conversationId,
          messageId: responseMessage.id,
          text: textOf(responseMessage),
          assessment: turn.assessment,
          usage: turn.usage,
          engine,
          agent: agent.name,
          error: turn.error,
          pendingApprovals,
        });
      } catch (error) {
        logger.error("assistant turn not saved", { error, tenantId: ctx.tenant.id });
        rejectDone(error);
      }
    }
  };
  // The JSON form awaits `done`; the streaming form may never look at it.
  done.catch(() => undefined);
  return { conversationId, stream, done, ...(recorder ? { recorder } : {}) };
}

/** The SSE response of a turn (a resumable turn records its SSE form as it streams, for GET …/stream). */
export function chatStreamResponse(turn: ChatTurn): Response {
  return createUIMessageStreamResponse({
    stream: turn.stream,
    headers: { "x-conversation-id": turn.conversationId },
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
  return new Response(stream.pipeThrough(new TextEncoderStream()), {
    headers: {
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      connection: "keep-alive",
      "x-vercel-ai-ui-message-stream": "v1",
      "x-accel-buffering": "no",
    },
  });
}

/** Stops a conversation's running answer (what was streamed is saved). */
export async function stopChat(ctx: TenantContext, conversationId: string): Promise<boolean> {
  await assertOwnConversation(ctx, conversationId);
  return stopRecordedStream(ctx.tenant.id, conversationId);
}
