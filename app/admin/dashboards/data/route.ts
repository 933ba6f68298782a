// One operator dashboard widget's figures (JSON; operators only, 404 otherwise).
import { loadPlatformWidgetData } from "@/lib/analytics/widget-data";
import { withOperatorRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = withOperatorRoute(async (request, operator) =>
  loadPlatformWidgetData(operator, new URL(request.url).searchParams),
);
