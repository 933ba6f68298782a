// The platform's last 60 minutes, polled by /admin/analytics (JSON; operators only, 404 otherwise).
import { loadPlatformRealtime } from "@/lib/analytics/realtime";
import { withOperatorRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = withOperatorRoute(async (_request, operator) => loadPlatformRealtime(operator));
