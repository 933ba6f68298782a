// The workspace's last 60 minutes, polled by the analytics page (JSON; members with dashboards:read).
import { loadTenantRealtime } from "@/lib/analytics/realtime";
import { withTenantRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = withTenantRoute<{ slug: string }>("dashboards:read", async (_request, ctx) =>
  loadTenantRealtime(ctx),
);
