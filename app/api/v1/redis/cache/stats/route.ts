import { getCacheHistory, getCacheStats } from "@/lib/cache-console/console";
import * as routes from "@/lib/api/v1/cache";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.getCacheStats, async ({ ctx }) => {
  const operator = ctx.operator();
  const [stats, history] = await Promise.all([getCacheStats(operator), getCacheHistory(operator)]);
  return routes.toSnake({ ...stats, history }) as never;
});

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
