// One dashboard widget's figures (JSON), fetched by each widget on its own so they load in parallel.
import { loadTenantWidgetData } from "@/lib/analytics/widget-data";
import { withTenantRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = withTenantRoute<{ slug: string }>("dashboards:read", async (request, ctx) =>
  loadTenantWidgetData(ctx, new URL(request.url).searchParams),
);
