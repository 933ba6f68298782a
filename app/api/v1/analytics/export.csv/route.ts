import { csvStream } from "@/lib/analytics/csv";
import { EXPORT_HEADER, tenantExportRows } from "@/lib/analytics/trends";
import * as routes from "@/lib/api/v1/analytics";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.exportCsv, async ({ ctx, query }) => {
  const tenant = await ctx.tenantContext();
  const rows = await tenantExportRows(tenant, query.metric, query);
  return new Response(csvStream(EXPORT_HEADER, rows), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${tenant.tenant.slug}-${query.metric}.csv"`,
      "cache-control": "no-store",
    },
  });
});

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
