// The operator's billing operations: webhook events (list, filter, replay, retry what is due) and
// every tenant's invoices (payouts: admin-payouts.ts). The reads are platform-level, across tenants:
// each takes the authorised Operator (lib/http/operator.ts), so none runs without one; the changes
// check the operator too.
import "server-only";

import { z } from "zod";

import { getDb } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { BillingProvider, InvoiceStatus, WebhookStatus } from "../db/generated/enums";
import { AppError } from "@/lib/errors";
import { assertOperator, type Operator } from "../tenancy/operator";
import { logger } from "../observability/logger";
import type { SessionUser } from "../tenancy/context";
import { replayWebhookEvent, retryDueWebhooks, type IntakeOutcome } from "./webhooks/intake";

const WEBHOOK_STATUSES = Object.values(WebhookStatus);
const INVOICE_STATUSES = Object.values(InvoiceStatus);
const PROVIDERS = Object.values(BillingProvider);

const page = z.coerce.number().int().min(1).max(100_000).optional().default(1);
const pageSize = z.coerce.number().int().min(5).max(200).optional().default(25);
const dir = z.enum(["asc", "desc"]).optional().default("desc");
const optionalEnum = <T extends string>(values: readonly T[]) =>
  z
    .union([z.enum(values as [T, ...T[]]), z.literal("")])
    .optional()
    .default("");

type Params = Record<string, string | string[] | undefined>;

/** Keeps each valid URL parameter and drops invalid ones, so a hand-edited URL still lists something. */
export function lenientQuery<S extends z.ZodObject>(schema: S, params: Params): z.infer<S> {
  const input: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const raw = params[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    const field = schema.shape[key] as z.ZodType;
    if (value !== undefined && field.safeParse(value).success) input[key] = value;
  }
  return schema.parse(input);
}

function pageWindow(total: number, query: { page: number; pageSize: number }) {
  const last = Math.max(1, Math.ceil(total / query.pageSize));
  const current = Math.min(query.page, last);
  return { page: current, skip: (current - 1) * query.pageSize, take: query.pageSize };
}

export async function tenantNames(
  operator: Operator,
  ids: (string | null)[],
): Promise<Map<string, { name: string; slug: string }>> {
  assertOperator(operator);
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (unique.length === 0) return new Map();
  const db = await getDb();
  const tenants = await db.tenant.findMany({
    where: { id: { in: unique } },
    select: { id: true, name: true, slug: true },
  });
  return new Map(tenants.map((t) => [t.id, { name: t.name, slug: t.slug }]));
}

// ─── Webhook events ───────────────────────────────────────────────────────────

export const WEBHOOK_SORTS = ["receivedAt", "provider", "type", "status", "attempts", "nextAttemptAt"] as const;

export const webhookListSchema = z.object({
  status: optionalEnum(WEBHOOK_STATUSES),
  provider: optionalEnum(PROVIDERS),
  type: z.string().trim().max(100).optional().default(""),
  // Status descending puts FAILED first (the enum's order is RECEIVED, PROCESSED, IGNORED, FAILED).
  sort: z.enum(WEBHOOK_SORTS).optional().default("status"),
  dir,
  page,
  pageSize,
});
export type WebhookListQuery = z.infer<typeof webhookListSchema>;

export interface WebhookEventRow {
  id: string;
  provider: BillingProvider;
  eventId: string;
  type: string;
  status: WebhookStatus;
  attempts: number;
  lastError: string | null;
  tenantId: string | null;
  tenantName: string | null;
  receivedAt: string;
  providerCreatedAt: string;
  processedAt: string | null;
  nextAttemptAt: string | null;
}

export interface WebhookEventList {
  rows: WebhookEventRow[];
  total: number;
  query: WebhookListQuery;
  counts: Record<WebhookStatus, number>;
}

const webhookRowSelect = {
  id: true,
  provider: true,
  eventId: true,
  type: true,
  status: true,
  attempts: true,
  lastError: true,
  tenantId: true,
  receivedAt: true,
  providerCreatedAt: true,
  processedAt: true,
  nextAttemptAt: true,
} as const satisfies Prisma.WebhookEventSelect;

type WebhookRowData = Prisma.WebhookEventGetPayload<{ select: typeof webhookRowSelect }>;

function toWebhookRow(row: WebhookRowData, tenantName: string | null): WebhookEventRow {
  return {
    ...row,
    tenantName,
    receivedAt: row.receivedAt.toISOString(),
    providerCreatedAt: row.providerCreatedAt.toISOString(),
    processedAt: row.processedAt?.toISOString() ?? null,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
  };
}

async function webhookStatusCounts(): Promise<Record<WebhookStatus, number>> {
  const db = await getDb();
  const groups = await db.webhookEvent.groupBy({ by: ["status"], _count: { _all: true } });
  const counts = Object.fromEntries(WEBHOOK_STATUSES.map((s) => [s, 0])) as Record<WebhookStatus, number>;
  for (const group of groups) counts[group.status] = group._count._all;
  return counts;
}

export async function listWebhookEvents(
  operator: Operator,
  input: Partial<Record<keyof WebhookListQuery, unknown>>,
): Promise<WebhookEventList> {
  assertOperator(operator);
  const query = webhookListSchema.parse(input);
  const where: Prisma.WebhookEventWhereInput = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.provider ? { provider: query.provider } : {}),
    ...(query.type ? { type: { contains: query.type, mode: "insensitive" } } : {}),
  };
  const orderBy: Prisma.WebhookEventOrderByWithRelationInput[] = [
    query.sort === "nextAttemptAt"
      ? { nextAttemptAt: { sort: query.dir, nulls: "last" } }
      : { [query.sort]: query.dir },
    ...(query.sort === "receivedAt" ? [] : [{ receivedAt: "desc" as const }]),
    { id: "asc" },
  ];
  const db = await getDb();
  const [total, counts] = await Promise.all([db.webhookEvent.count({ where }), webhookStatusCounts()]);
  const window = pageWindow(total, query);
  const rows = await db.webhookEvent.findMany({
    where,
    orderBy,
    skip: window.skip,
    take: window.take,
    select: webhookRowSelect,
  });
  const names = await tenantNames(
    operator,
    rows.map((r) => r.tenantId),
  );
  return {
    rows: rows.map((row) => toWebhookRow(row, row.tenantId ? (names.get(row.tenantId)?.name ?? null) : null)),
    total,
    query: { ...query, page: window.page },
    counts,
  };
}

export interface WebhookEventDetail extends WebhookEventRow {
  tenantSlug: string | null;
  /** The stored payload, pretty-printed. */
  payload: string;
}

export async function getWebhookEventForAdmin(operator: Operator, id: string): Promise<WebhookEventDetail> {
  assertOperator(operator);
  const db = await getDb();
  const row = await db.webhookEvent.findUnique({ where: { id }, select: { ...webhookRowSelect, payload: true } });
  if (!row) throw AppError.notFound("No such webhook event.");
  const tenant = row.tenantId ? (await tenantNames(operator, [row.tenantId])).get(row.tenantId) : undefined;
  const { payload, ...rest } = row;
  return {
    ...toWebhookRow(rest, tenant?.name ?? null),
    tenantSlug: tenant?.slug ?? null,
    payload: JSON.stringify(payload, null, 2),
  };
}

const REPLAY_MESSAGES: Record<IntakeOutcome, string> = {
  processed: "Replayed: the event was processed.",
  duplicate: "Nothing to do: the event was already processed.",
  ignored: "Replayed: Tessera does not act on this event type, so it was ignored.",
  failed: "Replayed, but it failed again.",
};

export interface ReplayResult {
  outcome: IntakeOutcome;
  status: WebhookStatus;
  lastError: string | null;
  message: string;
}

/** Runs one stored event through the pipeline again. A processed event stays as it is. */
export async function adminReplayWebhook(operator: SessionUser, id: string): Promise<ReplayResult> {
  if (!operator.isPlatformAdmin) throw AppError.notFound();
  const db = await getDb();
  if ((await db.webhookEvent.count({ where: { id } })) === 0) throw AppError.notFound("No such webhook event.");
  const outcome = await replayWebhookEvent(id);
  const after = await db.webhookEvent.findUniqueOrThrow({ where: { id }, select: { status: true, lastError: true } });
  logger.info("webhook event replayed by an operator", { id, outcome, operator: operator.email });
  const message =
    outcome === "failed" && after.lastError ? `${REPLAY_MESSAGES.failed} ${after.lastError}` : REPLAY_MESSAGES[outcome];
  return { outcome, status: after.status, lastError: after.lastError, message };
}

/** Retries every failed event whose next attempt is due (and stuck RECEIVED ones) now. */
export async function adminRetryDueWebhooks(
  operator: SessionUser,
  now = new Date(),
): Promise<{ counts: Record<IntakeOutcome, number>; message: string }> {
  if (!operator.isPlatformAdmin) throw AppError.notFound();
  const counts = await retryDueWebhooks({ now });
  const tried = counts.processed + counts.failed + counts.ignored + counts.duplicate;
  logger.info("due webhook events retried by an operator", { ...counts, operator: operator.email });
  const message =
    tried === 0
      ? "No events were due for a retry."
      : `Retried ${tried} event${tried === 1 ? "" : "s"}: ${counts.processed} processed, ${counts.failed} failed, ${counts.ignored} ignored, ${counts.duplicate} already done.`;
  return { counts, message };
}

// ─── Invoices across tenants ──────────────────────────────────────────────────

export const INVOICE_SORTS = ["createdAt", "tenant", "number", "status", "total"] as const;

export const invoiceListSchema = z.object({
  q: z.string().trim().max(100).optional().default(""),
  status: optionalEnum(INVOICE_STATUSES),
  provider: optionalEnum(PROVIDERS),
  tenant: z.string().trim().max(64).optional().default(""),
  sort: z.enum(INVOICE_SORTS).optional().default("createdAt"),
  dir,
  page,
  pageSize,
});
export type InvoiceListQuery = z.infer<typeof invoiceListSchema>;

export interface AdminInvoiceRow {
  id: string;
  tenantId: string;
  tenantName: string;
  number: string | null;
  provider: BillingProvider;
  status: InvoiceStatus;
  currency: string;
  total: number;
  amountDue: number;
  createdAt: string;
  dueAt: string | null;
}

export async function listAllInvoices(
  operator: Operator,
  input: Partial<Record<keyof InvoiceListQuery, unknown>>,
): Promise<{ rows: AdminInvoiceRow[]; total: number; query: InvoiceListQuery }> {
  assertOperator(operator);
  const query = invoiceListSchema.parse(input);
  const where: Prisma.InvoiceWhereInput = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.provider ? { provider: query.provider } : {}),
    ...(query.tenant ? { tenantId: query.tenant } : {}),
    ...(query.q
      ? {
          OR: [
            { number: { contains: query.q, mode: "insensitive" } },
            { tenant: { name: { contains: query.q, mode: "insensitive" } } },
            { tenant: { slug: { contains: query.q.toLowerCase() } } },
          ],
        }
      : {}),
  };
  const first: Prisma.InvoiceOrderByWithRelationInput =
    query.sort === "createdAt"
      ? { providerCreatedAt: query.dir }
      : query.sort === "tenant"
        ? { tenant: { name: query.dir } }
        : query.sort === "number"
          ? { number: { sort: query.dir, nulls: "last" } }
          : { [query.sort]: query.dir };
  const db = await getDb();
  const total = await db.invoice.count({ where });
  const window = pageWindow(total, query);
  const rows = await db.invoice.findMany({
    where,
    orderBy: [first, { providerCreatedAt: "desc" }, { id: "asc" }],
    skip: window.skip,
    take: window.take,
    select: {
      id: true,
      tenantId: true,
      number: true,
      provider: true,
      status: true,
      currency: true,
      total: true,
      amountDue: true,
      providerCreatedAt: true,
      dueAt: true,
      tenant: { select: { name: true } },
    },
  });
  return {
    rows: rows.map(({ tenant, providerCreatedAt, dueAt, ...row }) => ({
      ...row,
      tenantName: tenant.name,
      createdAt: providerCreatedAt.toISOString(),
      dueAt: dueAt?.toISOString() ?? null,
    })),
    total,
    query: { ...query, page: window.page },
  };
}

export interface TenantOption {
  id: string;
  name: string;
  slug: string;
}

/** Tenants an operator can bill or pay (not deleted), by name; capped for the pickers. */
export async function listTenantOptions(operator: Operator, limit = 1_000): Promise<TenantOption[]> {
  assertOperator(operator);
  const db = await getDb();
  return db.tenant.findMany({
    where: { status: { not: "DELETED" } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true, name: true, slug: true },
  });
}
