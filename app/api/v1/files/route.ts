import * as routes from "@/lib/api/v1/files";
import { listFiles } from "@/lib/files/files";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(routes.listFiles, async ({ ctx, query }) => {
  const page = await listFiles(await ctx.tenantContext(), { limit: query.limit, cursor: query.cursor ?? null });
  return { data: page.files.map(routes.toFileResource), next_cursor: page.nextCursor };
});
