// The monthly API-call quota's starting point when Redis has no counter for the month (a new
// month, or Redis lost its data): the calls already flushed into PostgreSQL for that month.
import "server-only";

import { withTenant } from "../db/tenant";
import { monthStart, nextMonthStart } from "./keys";

export async function flushedCallsThisMonth(tenantId: string, now = new Date()): Promise<number> {
  const sum = await withTenant(tenantId, (tx) =>
    tx.usageRollup.aggregate({
      _sum: { count: true },
      where: { hour: { gte: monthStart(now), lt: nextMonthStart(now) } },
    }),
  );
  return sum._sum.count ?? 0;
}
