import { getCacheSuggestions } from "@/lib/cache-console/console";
import * as routes from "@/lib/api/v1/cache";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.getCacheSuggestions, async ({ ctx }) => ({
  data: await getCacheSuggestions(ctx.operator()),
}));

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
