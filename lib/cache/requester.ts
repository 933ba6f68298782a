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

async function run(client: IORedis, [name, ...args]: Command): Promise<unknown> {
  const command = name.toLowerCase();
  const fixed =
    command === "eval" || (command === "script" && String(args[0]).toLowerCase() === "load")
      ? command === "eval"
        ? [stripShebang(args[0]), ...args.slice(1)]
        : [args[0], stripShebang(args[1])]
      : args;
  const method = (client as unknown as Record<string, unknown>)[command];
  if (typeof method === "function") {
    return (method as (...a: unknown[]) => Promise<unknown>).apply(client, fixed.map(toArg));
  }
  return client.call(name, ...fixed.map(toArg));
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
