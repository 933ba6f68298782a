// GET /admin/billing/revenue.csv?currency=&from=&to= — the revenue report as a CSV download, for
// platform operators (404 for anyone else, 400 for bad parameters).
import { revenueCsv } from "@/lib/billing/reports/csv";
import { loadRevenueReport } from "@/lib/billing/reports/revenue";
import { revenueCsvFilename, revenueQuerySchema, revenueRange } from "@/lib/billing/reports/revenue-query";
import { parseInput } from "@/lib/errors";
import { withOperatorRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = withOperatorRoute<Record<string, never>>(async (request, operator) => {
  const query = parseInput(revenueQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const report = await loadRevenueReport(operator, revenueRange(query));
  return new Response(revenueCsv(report, query.currency), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${revenueCsvFilename(report.from, report.to, query.currency)}"`,
      "cache-control": "no-store",
    },
  });
});
