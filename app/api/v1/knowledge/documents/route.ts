import * as routes from "@/lib/api/v1/knowledge";
import { apiRoute } from "@/lib/http/api";
import { listDocuments } from "@/lib/knowledge/documents";

export const GET = apiRoute(routes.listDocuments, async ({ ctx }) => ({
  data: (await listDocuments(await ctx.tenantContext())).map(routes.toDocument),
}));
