import { getCacheHealth } from "@/lib/cache-console/console";
import * as routes from "@/lib/api/v1/cache";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(
  routes.getCacheHealth,
  async ({ ctx }) => routes.toSnake(await getCacheHealth(ctx.operator())) as never,
);
