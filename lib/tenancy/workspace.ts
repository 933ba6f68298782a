// Read models for the tenant workspace pages (/t/[slug]/…) and their JSON routes: the overview
// (seats, recent activity) and the audit log query. Each call is one tenant transaction.
import "server-only";

import { z } from "zod";

import { withTenant } from "../db/tenant";
import { parseInput } from "@/lib/errors";
import { listAuditEntries, type AuditPage } from "./audit";
import { assertCan, type TenantContext } from "./context";
import { countSeats } from "./limits";
import { can } from "./permissions";

/** Query of the audit log page and GET /api/t/[slug]/audit. */
export const auditQuerySchema = z.object({
  cursor: z
    .string()
    .max(200)
    .regex(/^[^|]+\|[^|]+$/, "Not a valid cursor.")
    .optional()
    .catch(undefined),
  action: z
    .string()
    .trim()
    .max(64, "Use at most 64 characters.")
    .regex(/^[a-z0-9_.-]*$/i, "Use letters, digits, dots and underscores.")
    .optional()
    .transform((value) => value || undefined),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type AuditQuery = z.input<typeof auditQuerySchema>;

export async function getAuditPage(ctx: TenantContext, query: AuditQuery): Promise<AuditPage> {
  assertCan(ctx, "audit:read");
  const { cursor, action, limit } = parseInput(auditQuerySchema, query);
  return withTenant(ctx.tenant.id, (tx) => listAuditEntries(tx, { cursor, action, limit }));
}

/** The distinct actions recorded for this tenant (for the audit filter), sorted. */
export async function listAuditActions(ctx: TenantContext): Promise<string[]> {
  assertCan(ctx, "audit:read");
  const rows = await withTenant(ctx.tenant.id, (tx) =>
    tx.auditLog.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" }, take: 200 }),
  );
  return rows.map((row) => row.action);
}

export interface WorkspaceOverview {
  seats: { members: number; pending: number };
  /** Null when the caller may not read the audit log. */
  recentActivity: AuditPage["entries"] | null;
}

export async function getWorkspaceOverview(ctx: TenantContext, { recent = 5 } = {}): Promise<WorkspaceOverview> {
  assertCan(ctx, "tenant:read");
  return withTenant(ctx.tenant.id, async (tx) => {
    const seats = await countSeats(tx);
    const recentActivity = can(ctx.role, "audit:read") ? (await listAuditEntries(tx, { limit: recent })).entries : null;
    return { seats, recentActivity };
  });
}
