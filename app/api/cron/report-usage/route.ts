import { flushAndReportUsage } from "@/lib/billing/metering";
import { cronRoute } from "@/lib/http/cron";
import { otherMethods } from "@/lib/http/methods";

export const dynamic = "force-dynamic";

/** Hourly: flushes the Redis usage counters, then reports metered usage to the providers. */
export const POST = cronRoute("report-usage", () => flushAndReportUsage());

/** Vercel Cron calls its paths with GET (and the same Bearer CRON_SECRET). */
export const GET = POST;

// Other methods: 405 with Allow and the JSON error body (lib/http/methods.ts).
export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
