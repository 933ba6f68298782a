import { warmNamespace } from "@/lib/cache-console/warmers";
import * as routes from "@/lib/api/v1/cache";
import { apiRoute } from "@/lib/http/api";

export const POST = apiRoute(
  routes.warmCache,
  async ({ ctx, body }) => routes.toSnake(await warmNamespace(ctx.operator(), body)) as never,
);
