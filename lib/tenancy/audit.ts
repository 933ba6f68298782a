// The audit log: who did what to which object, when, with before/after snapshots.
// Written in the same transaction as the change it records.
import "server-only";

import type { TenantTx } from "../db/tenant";
import type { Prisma } from "../db/generated/client";

export interface Actor {
  id: string | null;
  email: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: null, email: "system" };

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Anything that can insert audit rows: a tenant transaction or a platform transaction. */
export interface AuditWriter {
  auditLog: { create(args: { data: Prisma.AuditLogUncheckedCreateInput }): Promise<unknown> };
}

function json(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

export async function writeAudit(tx: AuditWriter, tenantId: string, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      tenantId,
      actorId: actor.id,
      actorEmail: actor.email,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      before: json(entry.before),
      after: json(entry.after),
    },
  });
}

export interface AuditPage {
  entries: {
    id: string;
    actorEmail: string | null;
    action: string;
    targetType: string;
    targetId: string | null;
    before: unknown;
    after: unknown;
    createdAt: Date;
  }[];
  nextCursor: string | null;
}

/** Newest first, keyset-paginated: the cursor is "<createdAt ISO>|<id>" of the last row seen. */
export async function listAuditEntries(
  tx: TenantTx,
  { cursor, limit = 50, action }: { cursor?: string | null; limit?: number; action?: string },
): Promise<AuditPage> {
  const take = Math.min(Math.max(limit, 1), 200);
  const [at, id] = cursor ? cursor.split("|") : [];
  const after =
    at && id && !Number.isNaN(Date.parse(at))
      ? { OR: [{ createdAt: { lt: new Date(at) } }, { createdAt: new Date(at), id: { lt: id } }] }
      : {};
  const rows = await tx.auditLog.findMany({
    where: { ...(action ? { action: { startsWith: action } } : {}), ...after },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
  });
  const entries = rows.slice(0, take).map((row) => ({
    id: row.id,
    actorEmail: row.actorEmail,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    before: row.before,
    after: row.after,
    createdAt: row.createdAt,
  }));
  const last = entries[entries.length - 1];
  return { entries, nextCursor: rows.length > take && last ? `${last.createdAt.toISOString()}|${last.id}` : null };
}
