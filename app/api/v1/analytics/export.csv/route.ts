import { csvStream } from "@/lib/analytics/csv";
import { EXPORT_HEADER, tenantExportRows } from "@/lib/analytics/trends";
import * as routes from "@/lib/api/v1/analytics";
import { apiRoute } from "@/lib/http/api";

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
