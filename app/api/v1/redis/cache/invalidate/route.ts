import { invalidatePattern } from "@/lib/cache-console/console";
import * as routes from "@/lib/api/v1/cache";
import { apiRoute } from "@/lib/http/api";

export const POST = apiRoute(
  routes.invalidateCache,
  async ({ ctx, body }) => routes.toSnake(await invalidatePattern(ctx.operator(), body)) as never,
);
