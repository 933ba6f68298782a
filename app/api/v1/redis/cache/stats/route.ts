import { getCacheHistory, getCacheStats } from "@/lib/cache-console/console";
import * as routes from "@/lib/api/v1/cache";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(routes.getCacheStats, async ({ ctx }) => {
  const operator = ctx.operator();
  const [stats, history] = await Promise.all([getCacheStats(operator), getCacheHistory(operator)]);
  return routes.toSnake({ ...stats, history }) as never;
});
