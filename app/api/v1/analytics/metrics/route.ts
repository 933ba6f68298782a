import { metricsFor, serializeMetric } from "@/lib/analytics/catalog";
import * as routes from "@/lib/api/v1/analytics";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.listMetrics, async () => ({ data: metricsFor("tenant").map(serializeMetric) }));

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
