import { flushAllAnalytics } from "@/lib/analytics/flush";
import { cronRoute } from "@/lib/http/cron";
import { flushAllUsage } from "@/lib/usage/flush";
import { otherMethods } from "@/lib/http/methods";

export const dynamic = "force-dynamic";

/** Moves API usage counters from Redis into the hourly rollups: { tenants, batches, calls }. */
export const POST = cronRoute("usage-flush", async () => {
  const { tenants, batches, calls } = await flushAllUsage();
  await flushAllAnalytics(); // analytics' hourly API counters ride along (lib/analytics/flush.ts)
  return { tenants, batches, calls };
});

// Other methods: 405 with Allow and the JSON error body (lib/http/methods.ts).
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
