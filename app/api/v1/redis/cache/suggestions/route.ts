import { getCacheSuggestions } from "@/lib/cache-console/console";
import * as routes from "@/lib/api/v1/cache";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(routes.getCacheSuggestions, async ({ ctx }) => ({
  data: await getCacheSuggestions(ctx.operator()),
}));
