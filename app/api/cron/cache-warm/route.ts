import { warmAll } from "@/lib/cache-console/warmers";
import { cronRoute } from "@/lib/http/cron";
import { otherMethods } from "@/lib/http/methods";

export const dynamic = "force-dynamic";

/** Runs every cache warmer to the end (idempotent): { "<namespace>": entries written }. */
export const POST = cronRoute("cache-warm", async () => warmAll());

// Other methods: 405 with Allow and the JSON error body (lib/http/methods.ts).
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
