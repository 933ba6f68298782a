// Deleting every key under a prefix on a real Redis server: what a benchmark or a test file wrote
// under its own key prefix. SCAN patterns do not get ioredis's keyPrefix, so a plain connection does it.
import IORedis from "ioredis";

/** Deletes `prefix*` at `url`; with `verify`, throws when a key is left afterwards. */
export async function deleteRedisKeys(
  url: string,
  prefix: string,
  { verify = false }: { verify?: boolean } = {},
): Promise<void> {
  const redis = new IORedis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
    if (verify) {
      const [, left] = await redis.scan("0", "MATCH", `${prefix}*`, "COUNT", 10_000);
      if (left.length > 0) throw new Error(`keys left behind: ${left.join(", ")}`);
    }
  } finally {
    redis.disconnect();
  }
}
