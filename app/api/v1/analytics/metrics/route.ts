import { metricsFor, serializeMetric } from "@/lib/analytics/catalog";
import * as routes from "@/lib/api/v1/analytics";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(routes.listMetrics, async () => ({ data: metricsFor("tenant").map(serializeMetric) }));
