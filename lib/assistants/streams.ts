// Resumable answers. A chat turn's SSE stream is recorded in Redis as it is produced (a list of
// chunks under the tenant's hash tag, appended in pipelined batches every RECORD_FLUSH_MS with one
// write in flight, so the answer never waits for Redis) and the conversation points at it while
// the turn runs. A reload or a dropped
// connection asks GET …/chat/{conversation}/stream: the recorded chunks are replayed from the
// start (useChat resets the partial message on the replayed `start`) and then followed live by
// polling until the end marker. The turn itself no longer stops when its HTTP request goes away;
// "Stop" is an explicit call (DELETE …/stream) that aborts the turn on this instance at once or,
// through a flag the recorder reads, on the instance that runs it.
//
// Works on every transport of the one Redis API (Upstash REST, TCP, the in-process memory store):
// no pub/sub. Keys expire after STREAM_TTL_SECONDS. Without Redis the turn still streams; only
// resuming is unavailable.
import "server-only";

import { randomUUID } from "node:crypto";

import { getRedis } from "../cache/redis";
import { logger } from "../observability/logger";
import { assistantKeys } from "./keys";

export const STREAM_TTL_SECONDS = 600;
/** A resumer gives up when a stream gets no new chunk for this long (its producer died). */
const IDLE_GIVE_UP_MS = 30_000;
const POLL_MS = 40;
const END = "event: tessera-end\n\n";

const globalForStreams = globalThis as unknown as { __tesseraChatStreams?: Map<string, AbortController> };
const running = (globalForStreams.__tesseraChatStreams ??= new Map());

/** A recording sends its buffered chunks to Redis at most this often (one pipelined write in flight). */
export const RECORD_FLUSH_MS = 25;

export interface RecordedStream {
  streamId: string;
  /** Aborted by an explicit stop (here or on another instance). */
  signal: AbortSignal;
  /**
   * Records one SSE chunk (`data: …\n\n`). Synchronous and cheap: chunks are buffered and sent in
   * pipelined batches every RECORD_FLUSH_MS, so the answer never waits for Redis.
   */
  push(chunk: string): void;
  /** The stream is over: the rest is sent with the end marker; the pointer goes once `settled` (the saved turn) resolves. */
  end(settled: Promise<unknown>): Promise<void>;
  /** Ends a turn that never produced a stream (its pointer goes). */
  discard(): void;
}

/** Opens a recorded stream for a conversation's turn: the pointer is written in the background. */
export function openRecordedStream(tenantId: string, conversationId: string): RecordedStream {
  const streamId = randomUUID();
  const controller = new AbortController();
  running.set(streamId, controller);
  const activeKey = assistantKeys.activeStream(tenantId, conversationId);
  const chunksKey = assistantKeys.streamChunks(tenantId, streamId);
  const stopKey = assistantKeys.streamStop(tenantId, streamId);
  let redisOk = true;
  const fail = (error: unknown) => {
    if (redisOk) logger.warn("assistant stream not recorded (resume unavailable)", { error });
    redisOk = false;
  };
  const pointer = getRedis()
    .then((redis) => redis.set(activeKey, streamId, { ex: STREAM_TTL_SECONDS }))
    .catch(fail);

  const clearPointer = async () => {
    running.delete(streamId);
    if (!redisOk) return;
    try {
      const redis = await getRedis();
      if ((await redis.get<string>(activeKey)) === streamId) await redis.del(activeKey);
    } catch (error) {
      fail(error);
    }
  };

  let buffer: string[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** The write in flight (batches go one after another, in order). */
  let writing: Promise<void> = Promise.resolve();
  const flush = () => {
    timer = null;
    if (buffer.length === 0) return writing;
    const batch = buffer;
    buffer = [];
    writing = writing.then(async () => {
      await pointer;
      if (!redisOk) return;
      try {
        const redis = await getRedis();
        const pipeline = redis.pipeline();
        pipeline.rpush(chunksKey, ...batch);
        pipeline.expire(chunksKey, STREAM_TTL_SECONDS);
        pipeline.get(stopKey);
        const [, , stop] = (await pipeline.exec()) as [number, number, unknown];
        if (stop && !controller.signal.aborted) controller.abort(new DOMException("stopped", "AbortError"));
      } catch (error) {
        fail(error);
      }
    });
    return writing;
  };

  return {
    streamId,
    signal: controller.signal,
    discard: () => void pointer.then(clearPointer),
    push(chunk) {
      if (!redisOk) return;
      buffer.push(chunk);
      timer ??= setTimeout(flush, RECORD_FLUSH_MS);
    },
    async end(settled) {
      if (timer) clearTimeout(timer);
      buffer.push(END);
      await flush();
      await settled.catch(() => undefined);
      await clearPointer();
    },
  };
}

/** Replays a conversation's running (or just finished) turn from its first chunk, then follows it. */
export async function resumeRecordedStream(
  tenantId: string,
  conversationId: string,
): Promise<ReadableStream<string> | null> {
  let redis;
  let streamId: string | null;
  try {
    redis = await getRedis();
    streamId = await redis.get<string>(assistantKeys.activeStream(tenantId, conversationId));
  } catch (error) {
    logger.warn("assistant stream resume unavailable", { error });
    return null;
  }
  if (!streamId) return null;
  const chunksKey = assistantKeys.streamChunks(tenantId, String(streamId));
  let offset = 0;
  let lastNews = Date.now();
  let cancelled = false;
  const store = redis;
  return new ReadableStream<string>({
    async pull(controller) {
      while (!cancelled) {
        // Strings as stored: automatic JSON decoding could turn a chunk into something else.
        const raw = await store.lrange<unknown>(chunksKey, offset, -1);
        if (raw.length > 0) {
          offset += raw.length;
          lastNews = Date.now();
          for (const item of raw) {
            const chunk = typeof item === "string" ? item : JSON.stringify(item);
            if (chunk === END) {
              controller.close();
              return;
            }
            controller.enqueue(chunk);
          }
          return;
        }
        if (Date.now() - lastNews > IDLE_GIVE_UP_MS) {
          controller.close();
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },
    cancel() {
      cancelled = true;
    },
  });
}

/** Stops a conversation's running turn. True when there was one. */
export async function stopRecordedStream(tenantId: string, conversationId: string): Promise<boolean> {
  const redis = await getRedis();
  const streamId = await redis.get<string>(assistantKeys.activeStream(tenantId, conversationId));
  if (!streamId) return false;
  const local = running.get(String(streamId));
  if (local) {
    local.abort(new DOMException("stopped", "AbortError"));
    return true;
  }
  await redis.set(assistantKeys.streamStop(tenantId, String(streamId)), "1", { ex: STREAM_TTL_SECONDS });
  return true;
}
