// Acquisition spend: what the operator spent to win customers, entered per month, channel and
// currency on /admin/analytics. It feeds CAC and LTV:CAC (kpi-math.ts). Platform-level data: only
// an authorised Operator reads or writes it, and every change is audited in the same transaction
// as the change itself (platform_audit_logs, actions "analytics.spend.*"). The channel each
// workspace came through is set on the operator's tenant page (setTenantAcquisitionChannel,
// audited in the tenant's audit log as "tenant.acquisition_channel_set").
import "server-only";

import { z } from "zod";

import { CURRENCIES } from "../billing/catalog";
import { monthKeyOf, monthStartOf } from "../billing/reports/months";
import { getDb } from "../db/client";
import { assertOperator, type Operator } from "../tenancy/operator";
import { writeAudit } from "../tenancy/audit";
import { parseAmount } from "../billing/money-input";
import { minorUnitFactor } from "../format";
import { AppError, parseInput } from "@/lib/errors";

/** Largest spend one month, channel and currency may carry, in minor units (columns are 32-bit). */
export const MAX_SPEND_MINOR = 1_000_000_000;
/** Rows the list shows (a decade of twelve channels fits). */
export const MAX_SPEND_ROWS = 500;

/** A month's spend as typed ("1,234.5"): exact minor units, zero allowed, at most MAX_SPEND_MINOR. */
export function parseSpendAmount(value: string, currency: string): number | null {
  const minor = parseAmount(value, currency);
  return minor !== null && minor <= MAX_SPEND_MINOR ? minor : null;
}

/** A channel name as spend and workspaces carry it (lower case: "Ads" and "ads" are one channel). */
export const channelSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "A channel name: letters, digits, “_” and “-” (at most 40).");

const monthKey = z
  .string()
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "A month as YYYY-MM.");

export const spendInput = z
  .object({
    month: monthKey,
    channel: channelSchema,
    currency: z.string().trim().toLowerCase().pipe(z.enum(CURRENCIES, "One of the platform's currencies.")),
    amount: z.string().trim().min(1, "Enter the amount spent."),
    note: z.string().trim().max(200, "At most 200 characters.").optional(),
  })
  .transform((v, ctx) => {
    const minor = parseSpendAmount(v.amount, v.currency);
    if (minor === null) {
      ctx.addIssue({
        code: "custom",
        path: ["amount"],
        message:
          minorUnitFactor(v.currency) === 1
            ? "A whole amount of at least 0."
            : "An amount of at least 0 with at most two decimals.",
      });
      return z.NEVER;
    }
    return { month: v.month, channel: v.channel, currency: v.currency, amount: minor, note: v.note || null };
  });

export type SpendInput = z.input<typeof spendInput>;

export interface SpendRow {
  id: string;
  month: string;
  channel: string;
  currency: string;
  amount: number;
  note: string | null;
  updatedAt: Date;
}

function notInFuture(month: string, now: Date): void {
  if (month > monthKeyOf(now)) {
    throw new AppError("validation_failed", "Some fields are not valid.", {
      month: ["Spend is entered for this month or earlier."],
    });
  }
}

/** Acquisition spend, newest month first (operators only). */
export async function listAcquisitionSpend(operator: Operator): Promise<SpendRow[]> {
  assertOperator(operator);
  const db = await getDb();
  const rows = await db.acquisitionSpend.findMany({
    orderBy: [{ month: "desc" }, { channel: "asc" }, { currency: "asc" }],
    take: MAX_SPEND_ROWS,
  });
  return rows.map((r) => ({
    id: r.id,
    month: monthKeyOf(r.month),
    channel: r.channel,
    currency: r.currency,
    amount: r.amount,
    note: r.note,
    updatedAt: r.updatedAt,
  }));
}

/**
 * Sets the spend of one month, channel and currency (replacing what was entered before) and
 * audits the change with the amount before and after, in one transaction.
 */
export async function setAcquisitionSpend(operator: Operator, input: unknown, now = new Date()): Promise<SpendRow> {
  assertOperator(operator);
  const data = parseInput(spendInput, input);
  notInFuture(data.month, now);
  const month = monthStartOf(data.month);
  const db = await getDb();
  const row = await db.$transaction(async (tx) => {
    const key = { month, channel: data.channel, currency: data.currency };
    const before = await tx.acquisitionSpend.findUnique({ where: { month_channel_currency: key } });
    const saved = await tx.acquisitionSpend.upsert({
      where: { month_channel_currency: key },
      create: { ...key, amount: data.amount, note: data.note, createdById: operator.id },
      update: { amount: data.amount, note: data.note },
    });
    await tx.platformAuditLog.create({
      data: {
        actorId: operator.id,
        actorEmail: operator.email,
        action: "analytics.spend.set",
        target: `${data.month}/${data.channel}/${data.currency}`,
        details: { amount: data.amount, previous: before?.amount ?? null, note: data.note },
      },
    });
    return saved;
  });
  return {
    id: row.id,
    month: data.month,
    channel: row.channel,
    currency: row.currency,
    amount: row.amount,
    note: row.note,
    updatedAt: row.updatedAt,
  };
}

/** Removes one entry (audited with what it held); 404 when it does not exist. */
export async function deleteAcquisitionSpend(operator: Operator, id: string): Promise<void> {
  assertOperator(operator);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw AppError.notFound("No such spend entry.");
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const row = await tx.acquisitionSpend.findUnique({ where: { id } });
    if (!row) throw AppError.notFound("No such spend entry.");
    await tx.acquisitionSpend.delete({ where: { id } });
    await tx.platformAuditLog.create({
      data: {
        actorId: operator.id,
        actorEmail: operator.email,
        action: "analytics.spend.deleted",
        target: `${monthKeyOf(row.month)}/${row.channel}/${row.currency}`,
        details: { amount: row.amount },
      },
    });
  });
}

/** Channel names already in use (workspaces' channels and earlier entries), for suggestions. */
export async function listAcquisitionChannels(operator: Operator): Promise<string[]> {
  assertOperator(operator);
  const db = await getDb();
  const [tenants, spend] = await Promise.all([
    db.tenant.findMany({
      where: { acquisitionChannel: { not: null } },
      distinct: ["acquisitionChannel"],
      select: { acquisitionChannel: true },
      take: 100,
    }),
    db.acquisitionSpend.findMany({ distinct: ["channel"], select: { channel: true }, take: 100 }),
  ]);
  const names = new Set([...tenants.map((t) => t.acquisitionChannel ?? ""), ...spend.map((s) => s.channel)]);
  names.delete("");
  return [...names].sort();
}

/** The channel form's input: a channel name, or empty to mark the workspace's channel unknown. */
export const tenantChannelInput = z.object({
  channel: z.union([z.literal("").transform(() => null), channelSchema]),
});

/**
 * Sets the acquisition channel a workspace signed up through (what per-channel CAC counts its
 * first payment under), or clears it with an empty channel. Audited in the tenant's audit log in
 * the same transaction, with the channel before and after; 404 for an unknown workspace.
 */
export async function setTenantAcquisitionChannel(
  operator: Operator,
  tenantId: string,
  input: unknown,
): Promise<{ id: string; name: string; channel: string | null }> {
  assertOperator(operator);
  const { channel } = parseInput(tenantChannelInput, input);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(tenantId)) throw AppError.notFound("No such tenant.");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    // The revenue rollups' lock of this customer first (migration 20261203150000): the row update's
    // trigger takes it too, and taking it after the row would wait on a ledger transaction that
    // holds it and may update the same row.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`analytics_platform_revenue:${tenantId}`}, 0))`;
    const before = await tx.tenant.findUnique({
      where: { id: tenantId },
      select: { id: true, name: true, acquisitionChannel: true },
    });
    if (!before) throw AppError.notFound("No such tenant.");
    const after = await tx.tenant.update({
      where: { id: tenantId },
      data: { acquisitionChannel: channel },
      select: { id: true, name: true, acquisitionChannel: true },
    });
    await writeAudit(tx, tenantId, operator, {
      action: "tenant.acquisition_channel_set",
      targetType: "tenant",
      targetId: tenantId,
      before: { acquisitionChannel: before.acquisitionChannel },
      after: { acquisitionChannel: after.acquisitionChannel },
    });
    return { id: after.id, name: after.name, channel: after.acquisitionChannel };
  });
}
