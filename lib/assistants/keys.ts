// Redis key names of the assistants. Every key carries the tenant in a hash tag ({t:<id>}); the
// cache console (lib/cache/keyspace.ts) classifies them by these shapes, so a change here needs
// the same change there (tests/integration/cache-console.test.ts holds both together).
import { monthTag, tenantTag } from "../usage/keys";

export const assistantKeys = {
  /** The per-user chat rate-limit window (the same shape as hitFixedWindow's, lib/cache/rate-limit.ts). */
  chatRate: (tenantId: string, userId: string, windowStart: number) =>
    `rl:${tenantTag(tenantId)}:ai-chat:${userId}:${windowStart}`,
  /** The month's AI token count, kept from the `ai_tokens` meter (re-read on a miss). */
  tokens: (tenantId: string, at: Date) => `${tenantTag(tenantId)}:ai-tokens:${monthTag(at)}`,
  /** A conversation's running answer: points at its recorded stream. */
  activeStream: (tenantId: string, conversationId: string) => `${tenantTag(tenantId)}:ai-chat:${conversationId}:stream`,
  /** A recorded answer's SSE chunks, in order. */
  streamChunks: (tenantId: string, streamId: string) => `${tenantTag(tenantId)}:ai-stream:${streamId}`,
  /** Set by a stop on another instance; read by the recorder. */
  streamStop: (tenantId: string, streamId: string) => `${tenantTag(tenantId)}:ai-stream:${streamId}:stop`,
};
