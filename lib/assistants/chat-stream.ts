// The stream stage of a chat turn: streamText with the agent's tools, the AI SDK's UI message
// stream read by one stage of ours (the conversation id first; the assessment, an error notice and
// the finish last; the chunks kept). The saved message is built from the kept chunks once the
// stream is over (the same reducer useChat runs), then saved and metered off the stream's clock.
// Two forms, one taken per turn: `stream` (chunk objects, the JSON form) and `sse()` (SSE bytes,
// each chunk serialised once for the response and the recording). A resumable turn's first model
// chunk waits for its question's write (started beside the model).
import "server-only";

import {
  convertToModelMessages,
  readUIMessageStream,
  stepCountIs,
  streamText,
  toUIMessageStream,
  type ToolSet,
  type UIMessageChunk,
} from "ai";
import { randomUUID } from "node:crypto";

import { env } from "../env";
import { logger } from "../observability/logger";
import type { TenantContext } from "../tenancy/context";
import { pendingApprovalsOf, saveAnswer } from "./chat-save";
import { assess, type Assessment, type TurnToolResult } from "./assessment";
import { friendlyError, textOf, type ChatAgent, type ChatMessage, type MessageMetadata } from "./history";
import { recordLlmTurn } from "./metrics";
import type { Engine, ResolvedModel } from "./providers";
import type { RecordedStream } from "./streams";

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
  /** The answer as UI message chunks. Take this or `sse()`, once. */
  readonly stream: ReadableStream<UIMessageChunk>;
  /** The answer as SSE bytes (`data: <chunk>\n\n` … `data: [DONE]\n\n`). Take this or `stream`, once. */
  sse(): ReadableStream<Uint8Array>;
  done: Promise<TurnOutcome>;
  /** Set when the turn is resumable: its recording (pushed to as the stream goes). */
  recorder?: RecordedStream;
}

/** The question's write, as the turn's setup arranged it (chat.ts). */
export interface QuestionSaving {
  /** The write under way, if any. */
  current(): Promise<void> | null;
  /** The write, started now if it was not. */
  ensure(): Promise<void>;
}

export interface TurnSetup {
  ctx: TenantContext;
  agent: ChatAgent;
  conversationId: string;
  /** The model's conversation; its last message is the question, or the answer being continued. */
  messages: ChatMessage[];
  system: string;
  tools: ToolSet;
  resolved: ResolvedModel;
  /** Tool results of the answer being continued (they count for its assessment). */
  earlierResults: TurnToolResult[];
  /** The caller's signal (the JSON form stops when its caller goes away). */
  abortSignal?: AbortSignal;
  /** A resumable turn's recording: the turn then runs to its end without its request. */
  recorder?: RecordedStream;
  question: QuestionSaving;
}

const DONE_LINE = "data: [DONE]\n\n";
const sseLine = (chunk: UIMessageChunk) => `data: ${JSON.stringify(chunk)}\n\n`;

export function streamTurn(setup: TurnSetup): ChatTurn {
  const { ctx, agent, conversationId, messages, recorder, question } = setup;
  const engine = setup.resolved.engine;
  let resolveDone!: (outcome: TurnOutcome) => void;
  let rejectDone!: (error: unknown) => void;
  const done = new Promise<TurnOutcome>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  // The JSON form awaits `done`; the streaming form may never look at it.
  done.catch(() => undefined);
  const turn = {
    usage: { inputTokens: 0, outputTokens: 0 },
    assessment: assess([]),
    error: null as string | null,
    stopped: false,
  };
  const timeout = AbortSignal.timeout(env.AI_TIMEOUT_MS);
  /** Ends the model's call when the question could not be stored (a resumable turn). */
  const unsaved = new AbortController();
  const abortSignal = AbortSignal.any(
    [timeout, unsaved.signal, setup.abortSignal, recorder?.signal].filter((x): x is AbortSignal => x !== undefined),
  );
  const started = performance.now();
  let firstTokenAt: number | null = null;
  const metadata: MessageMetadata = { engine: engine.label, offline: engine.offline, agent: agent.name };

  const chunks: UIMessageChunk[] = [];
  const source = (async () => {
    const result = streamText({
      model: setup.resolved.model,
      system: setup.system,
      messages: await convertToModelMessages(messages, { tools: setup.tools, ignoreIncompleteToolCalls: true }),
      tools: setup.tools,
      stopWhen: stepCountIs(6),
      abortSignal,
      maxRetries: 1,
      onError: ({ error }) => {
        turn.error = friendlyError(error);
        logger.warn("assistant provider error", { error, provider: engine.provider, tenantId: ctx.tenant.id });
      },
    });
    // The SDK's own toUIMessageStream over the result's full stream: the same conversion as
    // `result.toUIMessageStream()` without the extra pass-through stage that method adds per chunk.
    const reader = toUIMessageStream<ToolSet, ChatMessage>({
      stream: result.fullStream,
      tools: setup.tools,
      sendFinish: false,
      originalMessages: messages,
      generateMessageId: () => randomUUID(),
      messageMetadata: ({ part }) => (part.type === "start" ? metadata : undefined),
      onError: (error) => {
        turn.error = friendlyError(error);
        return turn.error;
      },
    }).getReader();
    return { result, reader };
  })();
  source.catch(() => undefined);

  /** The chunks after the model's: the assessment, an error notice, the finish. */
  const tail = async (): Promise<UIMessageChunk[]> => {
    const results: TurnToolResult[] = [...setup.earlierResults];
    try {
      const { result } = await source;
      for (const step of await result.steps) {
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
      await question.current();
    } catch (error) {
      logger.error("assistant question not saved", { error, tenantId: ctx.tenant.id });
      turn.error = "The conversation could not be saved. Retry to ask again.";
    }
    const callerGone =
      setup.abortSignal?.aborted === true &&
      (setup.abortSignal.reason as { name?: unknown } | undefined)?.name !== "TimeoutError";
    if (unsaved.signal.aborted) {
      // The answer was withheld: the error above is the turn's end.
    } else if ((recorder?.signal.aborted || callerGone) && !timeout.aborted) {
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

  let reader: ReadableStreamDefaultReader<UIMessageChunk> | null = null;
  let over = false;
  /** Set when the question's write failed: the model's chunks are read to their end, not passed on. */
  let withheld = false;
  /** Reads the next chunk(s) to pass on; null once the turn's stream is over. */
  const read = async (): Promise<UIMessageChunk[] | null> => {
    if (over) return null;
    try {
      if (reader === null) {
        reader = (await source).reader;
        if (recorder) {
          // No part of a resumable answer goes out before its question is stored (a reload must
          // find it); the write started beside the model, so a real model's first token hides it.
          await question.ensure().catch(() => {
            withheld = true;
            unsaved.abort(new DOMException("question not saved", "AbortError"));
          });
        }
      }
      for (;;) {
        const { done: ended, value } = await reader.read();
        if (ended) break;
        if (withheld) continue;
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
  // One read at a time: a pull waits for the previous one by construction; a cancel chains after
  // the read in flight, so the tail runs once, in order.
  let reading: Promise<UIMessageChunk[] | null> = Promise.resolve(null);
  const next = () => (reading = reading.then(read, read));

  let detached = false;
  /** Cancelled by its reader: a resumable answer reads on to its end for the recording; another stops. */
  const cancel = async (reason: unknown, keep: (chunk: UIMessageChunk) => void) => {
    detached = true;
    if (recorder) {
      for (let out = await next(); out !== null; out = await next()) out.forEach(keep);
    } else {
      over = true;
      await source.then(({ reader: r }) => r.cancel(reason)).catch(() => undefined);
      // What was streamed is the answer (stopped, not failed).
      turn.stopped = true;
    }
    finishTurn();
  };
  const conversationChunk: UIMessageChunk = {
    type: "data-conversation",
    data: { id: conversationId },
    transient: true,
  };
  let taken = false;
  const take = () => {
    if (taken) throw new Error("A chat turn's stream is taken once.");
    taken = true;
  };

  /** The chunks as objects: kept (and recorded as SSE when the turn is resumable). */
  const objects = () => {
    take();
    const keep = (chunk: UIMessageChunk) => {
      chunks.push(chunk);
      recorder?.push(sseLine(chunk));
    };
    return new ReadableStream<UIMessageChunk>({
      start(controller) {
        keep(conversationChunk);
        controller.enqueue(conversationChunk);
      },
      async pull(controller) {
        const out = await (reading = read());
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
      cancel: (reason) => cancel(reason, keep),
    });
  };

  /** The chunks as SSE bytes: each serialised once, for the response and the recording. */
  const bytes = () => {
    take();
    const encoder = new TextEncoder();
    const keep = (chunk: UIMessageChunk) => {
      chunks.push(chunk);
      const line = sseLine(chunk);
      recorder?.push(line);
      return line;
    };
    return new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(keep(conversationChunk)));
      },
      async pull(controller) {
        const out = await (reading = read());
        if (out === null) {
          if (!detached) {
            controller.enqueue(encoder.encode(DONE_LINE));
            controller.close();
          }
          finishTurn();
          return;
        }
        let text = "";
        for (const chunk of out) text += keep(chunk);
        if (!detached) controller.enqueue(encoder.encode(text));
      },
      cancel: (reason) => cancel(reason, keep),
    });
  };

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
      recorder.push(DONE_LINE);
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
  const persistAnswer = async (message: ChatMessage) => {
    try {
      await question.ensure();
      await saveAnswer({ ctx, conversationId, agent, modelId: engine.modelId, usage: turn.usage, message });
      resolveDone({
        conversationId,
        messageId: message.id,
        text: textOf(message),
        assessment: turn.assessment,
        usage: turn.usage,
        engine,
        agent: agent.name,
        error: turn.error,
        pendingApprovals: pendingApprovalsOf(message),
      });
    } catch (error) {
      logger.error("assistant turn not saved", { error, tenantId: ctx.tenant.id });
      rejectDone(error);
    }
  };

  let objectStream: ReadableStream<UIMessageChunk> | null = null;
  return {
    conversationId,
    get stream() {
      return (objectStream ??= objects());
    },
    sse: bytes,
    done,
    ...(recorder ? { recorder } : {}),
  };
}
