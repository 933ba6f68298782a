import { recordCacheSample } from "@/lib/cache-console/console";
import { cronRoute } from "@/lib/http/cron";
import { otherMethods } from "@/lib/http/methods";

export const dynamic = "force-dynamic";

/** One sample of the cache's stats for the console's charts (schedule it every minute; a day is kept). */
export const POST = cronRoute("cache-stats", async () => recordCacheSample());

// Other methods: 405 with Allow and the JSON error body (lib/http/methods.ts).
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
