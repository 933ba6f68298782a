import { analyzeKeyspace } from "@/lib/cache-console/console";
import * as routes from "@/lib/api/v1/cache";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(
  routes.getCachePatterns,
  async ({ ctx, query }) => routes.toSnake(await analyzeKeyspace(ctx.operator(), query)) as never,
);
