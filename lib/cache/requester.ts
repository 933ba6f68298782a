// Transports for @upstash/redis's client: its `Redis` class accepts any Requester, so TCP Redis
// (ioredis) and an in-process memory store (ioredis-mock) serve the same API as Upstash REST.
import type { Redis as IORedis } from "ioredis";

type Command = [string, ...unknown[]];

export interface UpstashLikeRequest {
  path?: string[];
  body?: unknown;
}

export interface UpstashLikeResponse<T> {
  result?: T;
  error?: string;
}

function toArg(value: unknown): string | number | Buffer {
  if (typeof value === "string" || typeof value === "number" || Buffer.isBuffer(value)) return value;
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** Redis 7.0 rejects the `#!lua flags=allow-key-locking` shebang newer clients put on scripts. */
function stripShebang(script: unknown): unknown {
  return typeof script === "string" ? script.replace(/^#!lua[^\n]*\n/, "") : script;
}

const SET_OPTIONS = new Set(["nx", "xx", "ex", "px", "exat", "pxat", "keepttl", "get"]);

/** Adjusts arguments where @upstash/redis and ioredis(-mock) disagree. */
function normalizeArgs(command: string, args: unknown[]): unknown[] {
  if (command === "eval") return [stripShebang(args[0]), ...args.slice(1)];
  if (command === "script" && String(args[0]).toLowerCase() === "load") return [args[0], stripShebang(args[1])];
  // ioredis-mock understands SET options only in upper case; Redis accepts both.
  if (command === "set") {
    return args.map((arg, i) =>
      i >= 2 && typeof arg === "string" && SET_OPTIONS.has(arg.toLowerCase()) ? arg.toUpperCase() : arg,
    );
  }
  return args;
}

/** ioredis turns some replies into objects; @upstash/redis expects Redis's flat arrays. */
function normalizeReply(command: string, reply: unknown): unknown {
  if (command === "hgetall" && reply && typeof reply === "object" && !Array.isArray(reply)) {
    return Object.entries(reply as Record<string, unknown>).flat();
  }
  return reply;
}

async function run(client: IORedis, [name, ...args]: Command): Promise<unknown> {
  const command = name.toLowerCase();
  const fixed = normalizeArgs(command, args).map(toArg);
  const method = (client as unknown as Record<string, unknown>)[command];
  const reply =
    typeof method === "function"
      ? await (method as (...a: unknown[]) => Promise<unknown>).apply(client, fixed)
      : await client.call(name, ...fixed);
  return normalizeReply(command, reply);
}

export function ioredisRequester(client: IORedis) {
  return {
    async request<T>(req: UpstashLikeRequest): Promise<UpstashLikeResponse<T>> {
      const batch = req.path?.[0];
      try {
        if (batch === "pipeline" || batch === "multi-exec") {
          const commands = req.body as Command[];
          const results: UpstashLikeResponse<unknown>[] = [];
          for (const command of commands) {
            try {
              results.push({ result: await run(client, command) });
            } catch (error) {
              results.push({ error: error instanceof Error ? error.message : String(error) });
            }
          }
          return results as unknown as UpstashLikeResponse<T>;
        }
        return { result: (await run(client, req.body as Command)) as T };
      } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
