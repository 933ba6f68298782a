import { runBillingJobs } from "@/lib/billing/dunning";
import { cronRoute } from "@/lib/http/cron";
import { otherMethods } from "@/lib/http/methods";

export const dynamic = "force-dynamic";

/**
 * Retries due webhooks, advances local subscriptions, runs PayPal's cancel-at-period-end and
 * downgrades tenants past their dunning grace period. Each step reports its own result or error.
 */
export const POST = cronRoute("billing", async () => ({ ...(await runBillingJobs()) }));

/** Vercel Cron calls its paths with GET (and the same Bearer CRON_SECRET). */
export const GET = POST;

// Other methods: 405 with Allow and the JSON error body (lib/http/methods.ts).
export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
