// Resumable answers. A chat turn's SSE stream is recorded in Redis as it is produced (a list of
// chunks under the tenant's hash tag, one write in flight at a time, so the answer never waits
// for Redis) and the conversation points at it while the turn runs. A reload or a dropped
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
import { tenantTag } from "../usage/keys";

export const STREAM_TTL_SECONDS = 600;
/** A resumer gives up when a stream gets no new chunk for this long (its producer died). */
const IDLE_GIVE_UP_MS = 30_000;
const POLL_MS = 40;
const END = "event: tessera-end\n\n";

export const streamKeys = {
  active: (tenantId: string, conversationId: string) => `${tenantTag(tenantId)}:ai-chat:${conversationId}:stream`,
  chunks: (tenantId: string, streamId: string) => `${tenantTag(tenantId)}:ai-stream:${streamId}`,
  stop: (tenantId: string, streamId: string) => `${tenantTag(tenantId)}:ai-stream:${streamId}:stop`,
};

const globalForStreams = globalThis as unknown as { __tesseraChatStreams?: Map<string, AbortController> };
const running = (globalForStreams.__tesseraChatStreams ??= new Map());

export interface RecordedStream {
  streamId: string;
  /** Aborted by an explicit stop (here or on another instance). */
  signal: AbortSignal;
  /** Records a copy of the SSE stream; `settled` resolves once the turn is saved (the pointer then goes). */
  record(sse: ReadableStream<string>, settled: Promise<unknown>): Promise<void>;
  /** Ends a turn that never produced a stream (its pointer goes). */
  discard(): void;
}

/** Opens a recorded stream for a conversation's turn: the pointer is written in the background. */
export function openRecordedStream(tenantId: string, conversationId: string): RecordedStream {
  const streamId = randomUUID();
  const controller = new AbortController();
  running.set(streamId, controller);
  const activeKey = streamKeys.active(tenantId, conversationId);
  const chunksKey = streamKeys.chunks(tenantId, streamId);
  const stopKey = streamKeys.stop(tenantId, streamId);
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

  return {
    streamId,
    signal: controller.signal,
    discard: () => void pointer.then(clearPointer),
    async record(sse, settled) {
      await pointer;
      const buffer: string[] = [];
      let ended = false;
      let wake: (() => void) | null = null;
      const flusher = (async () => {
        const redis = await getRedis();
        while (redisOk) {
          if (buffer.length === 0) {
            if (ended) break;
            await new Promise<void>((resolve) => (wake = resolve));
            continue;
          }
          const batch = buffer.splice(0, buffer.length);
          try {
            const pipeline = redis.pipeline();
            pipeline.rpush(chunksKey, ...batch);
            pipeline.expire(chunksKey, STREAM_TTL_SECONDS);
            pipeline.get(stopKey);
            const [, , stop] = (await pipeline.exec()) as [number, number, unknown];
            if (stop && !controller.signal.aborted) controller.abort(new DOMException("stopped", "AbortError"));
          } catch (error) {
            fail(error);
          }
        }
      })();
      const push = (chunk: string) => {
        buffer.push(chunk);
        const w = wake;
        wake = null;
        w?.();
      };
      const reader = sse.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          if (value.startsWith(":")) continue; // keep-alive comments
          push(value);
        }
      } catch (error) {
        logger.warn("assistant stream copy failed", { error });
      }
      ended = true;
      push(END);
      await flusher;
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
    streamId = await redis.get<string>(streamKeys.active(tenantId, conversationId));
  } catch (error) {
    logger.warn("assistant stream resume unavailable", { error });
    return null;
  }
  if (!streamId) return null;
  const chunksKey = streamKeys.chunks(tenantId, String(streamId));
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
  const streamId = await redis.get<string>(streamKeys.active(tenantId, conversationId));
  if (!streamId) return false;
  const local = running.get(String(streamId));
  if (local) {
    local.abort(new DOMException("stopped", "AbortError"));
    return true;
  }
  await redis.set(streamKeys.stop(tenantId, String(streamId)), "1", { ex: STREAM_TTL_SECONDS });
  return true;
}
