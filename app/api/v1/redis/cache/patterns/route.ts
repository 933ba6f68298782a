import { analyzeKeyspace } from "@/lib/cache-console/console";
import * as routes from "@/lib/api/v1/cache";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(
  routes.getCachePatterns,
  async ({ ctx, query }) => routes.toSnake(await analyzeKeyspace(ctx.operator(), query)) as never,
);

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
