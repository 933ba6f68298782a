// The operator's CSV export of any platform metric (streamed; operators only, 404 otherwise).
import { csvStream } from "@/lib/analytics/csv";
import { EXPORT_HEADER, trendQuerySchema } from "@/lib/analytics/trends";
import { platformExportRows } from "@/lib/analytics/trends-platform";
import { parseInput } from "@/lib/errors";
import { withOperatorRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = withOperatorRoute(async (request, operator) => {
  const params = Object.fromEntries(new URL(request.url).searchParams.entries());
  const metric = String(params.metric ?? "");
  const query = parseInput(trendQuerySchema, {
    from: params.from,
    to: params.to,
    grain: params.grain,
    group_by: params.group_by,
  });
  const rows = await platformExportRows(operator, metric, query);
  return new Response(csvStream(EXPORT_HEADER, rows), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="tessera-${metric.replace(/[^a-z0-9_]/g, "")}.csv"`,
      "cache-control": "no-store",
    },
  });
});
