import * as routes from "@/lib/api/v1/files";
import { listFiles } from "@/lib/files/files";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.listFiles, async ({ ctx, query }) => {
  const page = await listFiles(await ctx.tenantContext(), { limit: query.limit, cursor: query.cursor ?? null });
  return { data: page.files.map(routes.toFileResource), next_cursor: page.nextCursor };
});

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
