// Reads for the platform tenants API: keyset pages over every tenant (thousands of rows) with
// the filters of the operator console (lib/lifecycle/tenants.ts adminListTenants, which pages by
// offset), and single tenants with their member count and owner. Both take the authorised
// Operator (a platform key or an operator's session: ApiContext.operator()).
import "server-only";

import type { z } from "zod";

import { getDb } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { AppError } from "@/lib/errors";
import { assertOperator, type Operator } from "../../tenancy/operator";
import { decodeCursor, encodeCursor } from "@/lib/cursor";
import { fromApiTier, type PlatformTenantRow } from "./serializers";
import type { listTenants } from "./tenants";

const include = {
  _count: { select: { memberships: true } },
  memberships: { where: { role: "OWNER" }, take: 1, select: { user: { select: { email: true } } } },
} as const satisfies Prisma.TenantInclude;

type ListQuery = z.infer<NonNullable<(typeof listTenants)["query"]>>;

export async function listPlatformTenants(
  operator: Operator,
  query: ListQuery,
  now = new Date(),
): Promise<{ rows: PlatformTenantRow[]; next_cursor: string | null }> {
  assertOperator(operator);
  const filters: Prisma.TenantWhereInput[] = [];
  if (query.q) {
    const q = query.q.toLowerCase();
    filters.push({
      OR: [
        { name: { contains: query.q, mode: "insensitive" } },
        { slug: { contains: q } },
        { memberships: { some: { role: "OWNER", user: { email: { contains: q } } } } },
      ],
    });
  }
  if (query.tier) filters.push({ tier: fromApiTier(query.tier) });
  if (query.status === "active") filters.push({ status: "ACTIVE" });
  if (query.status === "suspended") filters.push({ status: "SUSPENDED" });
  if (query.status === "deleted") filters.push({ status: "DELETED" });
  if (query.status === "trialing") filters.push({ status: "ACTIVE", trialEndsAt: { gt: now } });
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  if (after) {
    filters.push({ OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] });
  }
  const db = await getDb();
  const rows = await db.tenant.findMany({
    where: { AND: filters },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    include,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return { rows: page, next_cursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null };
}

export async function getPlatformTenant(operator: Operator, id: string): Promise<PlatformTenantRow> {
  assertOperator(operator);
  const db = await getDb();
  const row = await db.tenant.findUnique({ where: { id }, include });
  if (!row) throw AppError.notFound("No such tenant.");
  return row;
}
