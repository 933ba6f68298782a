import { metricsGuard } from "@/lib/http/cron";
import { refreshScrapeGauges } from "@/lib/monitoring/business";
import { metrics } from "@/lib/observability/metrics";
import { otherMethods } from "@/lib/http/methods";

export const dynamic = "force-dynamic";

/** Prometheus text exposition of this process's registry (Bearer METRICS_TOKEN when set). */
export async function GET(request: Request) {
  const denied = metricsGuard(request);
  if (denied) return denied;
  await refreshScrapeGauges();
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
}

// Other methods: 405 with Allow and the JSON error body (lib/http/methods.ts).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
