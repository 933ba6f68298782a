// Transports for @upstash/redis's client: its `Redis` class accepts any Requester, so TCP Redis
// (ioredis) and an in-process memory store (ioredis-mock) serve the same API as Upstash REST.
import { createHash } from "node:crypto";

import type { ChainableCommander, Redis as IORedis } from "ioredis";
import { at } from "@/lib/indexed";

type Command = [string, ...unknown[]];

export interface UpstashLikeRequest {
  path?: string[];
  body?: unknown;
}

export interface UpstashLikeResponse<T> {
  result?: T;
  error?: string;
}

type Reply = UpstashLikeResponse<unknown>;
type Outcome = [error: Error | null, value: unknown];

function toArg(value: unknown): string | number | Buffer {
  if (typeof value === "string" || typeof value === "number" || Buffer.isBuffer(value)) return value;
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

/**
 * SHA-1 of a script as the client sent it (with its shebang) → SHA-1 of the script Redis cached.
 * Clients compute EVALSHA's digest over the text they hold; without this map every EVALSHA of a
 * shebang script would miss (NOSCRIPT) and cost a second round trip for the EVAL fallback.
 */
const cachedShas = new Map<string, string>();

/** Redis 7.0 rejects the `#!lua flags=allow-key-locking` shebang newer clients put on scripts. */
function stripShebang(script: unknown): unknown {
  if (typeof script !== "string") return script;
  const stripped = script.replace(/^#!lua[^\n]*\n/, "");
  if (stripped !== script) cachedShas.set(sha1(script), sha1(stripped));
  return stripped;
}

const toCachedSha = (sha: unknown) => (typeof sha === "string" ? (cachedShas.get(sha.toLowerCase()) ?? sha) : sha);

export interface ScriptCommand {
  args: unknown[];
  /** Maps Redis's reply back to what a server that kept the shebang would have answered. */
  reply(value: unknown): unknown;
}

const same = (value: unknown) => value;

/**
 * Adapts Lua script commands (EVAL, EVALSHA, SCRIPT LOAD/EXISTS and their _RO forms) to Redis 7.0:
 * drops the shebang and translates the digests of shebang scripts. `command` is lower case.
 * Shared with the Upstash REST test bridge (tests/fixtures/upstash-bridge.ts).
 */
export function adaptScriptCommand(command: string, args: unknown[]): ScriptCommand {
  if (command === "eval" || command === "eval_ro")
    return { args: [stripShebang(args[0]), ...args.slice(1)], reply: same };
  if (command === "evalsha" || command === "evalsha_ro")
    return { args: [toCachedSha(args[0]), ...args.slice(1)], reply: same };
  if (command === "script") {
    const sub = String(args[0]).toLowerCase();
    if (sub === "load" && typeof args[1] === "string") {
      const script = args[1];
      const stripped = stripShebang(script);
      // Answer the digest of the text the caller holds, which EVALSHA then maps back.
      return {
        args: [args[0], stripped, ...args.slice(2)],
        reply: (sha) => (stripped === script ? sha : sha1(script)),
      };
    }
    if (sub === "exists") return { args: [args[0], ...args.slice(1).map(toCachedSha)], reply: same };
  }
  return { args, reply: same };
}

const SET_OPTIONS = new Set(["nx", "xx", "ex", "px", "exat", "pxat", "keepttl", "get"]);

/** Adjusts arguments where @upstash/redis and ioredis(-mock) disagree. */
function normalizeArgs(command: string, args: unknown[]): unknown[] {
  // ioredis-mock understands SET options only in upper case; Redis accepts both.
  if (command === "set") {
    return args.map((arg, i) =>
      i >= 2 && typeof arg === "string" && SET_OPTIONS.has(arg.toLowerCase()) ? arg.toUpperCase() : arg,
    );
  }
  return args;
}

const SCRIPT_COMMANDS = new Set(["eval", "evalsha", "eval_ro", "evalsha_ro"]);

/** Redis turns a script's Lua booleans into nil (false) and 1 (true); ioredis-mock keeps them. */
function luaReply(reply: unknown): unknown {
  if (reply === false) return null;
  if (reply === true) return 1;
  return Array.isArray(reply) ? reply.map(luaReply) : reply;
}

/** Adjusts replies where ioredis(-mock) and Redis as @upstash/redis knows it disagree. */
function normalizeReply(command: string, reply: unknown): unknown {
  // ioredis turns HGETALL's reply into an object; @upstash/redis expects Redis's flat array.
  if (command === "hgetall" && reply && typeof reply === "object" && !Array.isArray(reply)) {
    return Object.entries(reply as Record<string, unknown>).flat();
  }
  return SCRIPT_COMMANDS.has(command) ? luaReply(reply) : reply;
}

interface Prepared {
  name: string;
  command: string;
  args: (string | number | Buffer)[];
  reply(value: unknown): unknown;
}

function prepare([name, ...args]: Command): Prepared {
  const command = String(name).toLowerCase();
  const script = adaptScriptCommand(command, args);
  return {
    name: String(name),
    command,
    args: normalizeArgs(command, script.args).map(toArg),
    reply: (value) => normalizeReply(command, script.reply(value)),
  };
}

/**
 * Sends a command on a client or a batch: through ioredis(-mock)'s own method when there is one
 * (it knows the command's argument and reply handling), else through the generic `call`.
 * `extra` carries a batch's per-command callback.
 */
function send(target: IORedis | ChainableCommander, { name, command, args }: Prepared, ...extra: unknown[]): unknown {
  const methods = target as unknown as Record<string, unknown>;
  const method = methods[command];
  if (typeof method === "function") return method.apply(target, [...args, ...extra]);
  if (typeof methods.call === "function")
    return (methods.call as (...a: unknown[]) => unknown).apply(target, [name, ...args, ...extra]);
  throw new Error(`ERR unknown command '${name}'`);
}

async function run(client: IORedis, command: Command): Promise<unknown> {
  const prepared = prepare(command);
  return prepared.reply(await send(client, prepared));
}

/**
 * One round trip for a whole batch: an ioredis pipeline, or MULTI/EXEC for a transaction. Each
 * command answers `{result}` or `{error}`; a transaction Redis discards (EXECABORT) throws.
 */
async function runBatch(client: IORedis, commands: Command[], transaction: boolean): Promise<Reply[]> {
  const prepared = commands.map(prepare);
  const batch = transaction ? client.multi() : client.pipeline();
  const outcomes: Promise<Outcome>[] = [];
  /** Each command's position in the batch; -1 when it could not be queued. */
  const slots: number[] = [];
  let queued = 0;
  prepared.forEach((command, i) => {
    let settle!: (outcome: Outcome) => void;
    outcomes.push(new Promise<Outcome>((resolve) => (settle = resolve)));
    try {
      send(batch, command, (error: Error | null, value: unknown) => settle([error ?? null, value]));
      slots[i] = queued++;
    } catch (error) {
      // Not queued (ioredis-mock lacks the command): Redis would discard such a transaction.
      if (transaction) throw new Error(`EXECABORT Transaction discarded because of: ${toError(error).message}`);
      settle([toError(error), undefined]);
      slots[i] = -1;
    }
  });
  let replies: Outcome[];
  try {
    const executed: Outcome[] | null = await batch.exec();
    if (!executed) throw new Error("EXECABORT Transaction discarded: a watched key changed");
    replies = await Promise.all(
      outcomes.map((outcome, i) => {
        const slot = at(slots, i, "batch slot");
        return slot < 0 ? outcome : at(executed, slot, "batch reply");
      }),
    );
  } catch (error) {
    // ioredis-mock runs every command of a batch but rejects with the first command's error,
    // reporting each command only to its callback. ioredis rejects only when the batch failed as a
    // whole (EXECABORT, connection lost); inside MULTI its callbacks merely carry "QUEUED".
    const each = await Promise.all(outcomes);
    if (!each.some(([e]) => e === error) || each.some(([, value]) => value === "QUEUED")) throw error;
    replies = each;
  }
  return replies.map(([error, value], i) =>
    error ? { error: error.message } : { result: at(prepared, i, "batch command").reply(value) },
  );
}

export function ioredisRequester(client: IORedis) {
  return {
    async request<T>(req: UpstashLikeRequest): Promise<UpstashLikeResponse<T>> {
      const batch = req.path?.[0];
      if (batch === "pipeline" || batch === "multi-exec") {
        // Like Upstash's HTTP client, a batch that fails as a whole throws.
        return (await runBatch(
          client,
          req.body as Command[],
          batch === "multi-exec",
        )) as unknown as UpstashLikeResponse<T>;
      }
      try {
        return { result: (await run(client, req.body as Command)) as T };
      } catch (error) {
        return { error: toError(error).message };
      }
    },
  };
}
