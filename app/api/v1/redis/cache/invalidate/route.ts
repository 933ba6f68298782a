import { invalidatePattern } from "@/lib/cache-console/console";
import * as routes from "@/lib/api/v1/cache";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";

export const POST = apiRoute(
  routes.invalidateCache,
  async ({ ctx, body }) => routes.toSnake(await invalidatePattern(ctx.operator(), body)) as never,
);

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
