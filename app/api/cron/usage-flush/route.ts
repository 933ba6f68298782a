import { cronRoute } from "@/lib/http/cron";
import { flushAllUsage } from "@/lib/usage/flush";

export const dynamic = "force-dynamic";

/** Moves API usage counters from Redis into the hourly rollups: { tenants, batches, calls }. */
export const POST = cronRoute("usage-flush", async () => {
  const { tenants, batches, calls } = await flushAllUsage();
  return { tenants, batches, calls };
});
