// Metered usage events a tenant records for itself (POST /api/v1/usage/events). Each event has
// the caller's idempotency key: a batch may be retried safely and only new events are stored.
// Billing reports unreported events to the payment provider (reportedAt).
import "server-only";

import { z } from "zod";

import { isoDateTime, isoDateTimeOrNull } from "@/lib/iso";
import { withTenant } from "../db/tenant";
import { addTooLargeIssue, AppError, parseInput } from "@/lib/errors";
import { assertActive, type TenantContext } from "../tenancy/context";
import { formatLimit, TIER_DEFINITIONS } from "../tenancy/tiers";
import { storageBytes } from "./storage";
import { last } from "@/lib/indexed";
import { DAY_MS } from "@/lib/calendar";

export const MAX_EVENTS_PER_BATCH = 100;
/** Per event: at most this many properties, and this many bytes of them as JSON (UTF-8). */
export const MAX_EVENT_PROPERTIES = 50;
export const MAX_EVENT_PROPERTIES_BYTES = 4096;
const PAST_LIMIT_MS = 35 * DAY_MS;
const FUTURE_LIMIT_MS = 5 * 60_000;

export const usageEventInput = z.object({
  id: z
    .string()
    .trim()
    .min(1, "Give every event an idempotency key.")
    .max(128)
    .describe("Your idempotency key: an event with a key already recorded is ignored."),
  event_name: z
    .string()
    .regex(/^[a-z][a-z0-9_.-]{0,63}$/, "Lower-case letters, digits, “_”, “.” and “-”, starting with a letter.")
    .describe("The meter, e.g. “api_requests” or “storage.gb_hours”."),
  value: z.number().int("A whole number.").min(0).max(1_000_000_000),
  timestamp: z.iso
    .datetime({ offset: true })
    .optional()
    .describe("When it happened (default: now); at most 35 days ago.")
    .refine((value) => {
      if (value === undefined) return true;
      const at = Date.parse(value);
      return at > Date.now() - PAST_LIMIT_MS && at < Date.now() + FUTURE_LIMIT_MS;
    }, "Must be within the last 35 days and not in the future."),
  properties: z
    .record(z.string().max(64), z.union([z.string().max(512), z.number(), z.boolean()]))
    .superRefine((properties, ctx) => {
      const count = Object.keys(properties).length;
      if (count > MAX_EVENT_PROPERTIES) {
        addTooLargeIssue(ctx, `At most ${MAX_EVENT_PROPERTIES} properties per event (this one has ${count}).`);
        return;
      }
      const bytes = Buffer.byteLength(JSON.stringify(properties), "utf8");
      if (bytes > MAX_EVENT_PROPERTIES_BYTES) {
        addTooLargeIssue(
          ctx,
          `At most ${MAX_EVENT_PROPERTIES_BYTES} bytes of properties per event, as JSON (${bytes}).`,
        );
      }
    })
    .meta({ maxProperties: MAX_EVENT_PROPERTIES })
    .describe(
      `Your own labels: up to ${MAX_EVENT_PROPERTIES} properties and ${MAX_EVENT_PROPERTIES_BYTES} bytes as JSON; over ` +
        "either limit the request answers 413.",
    )
    .optional(),
});

export const recordUsageEventsSchema = z
  .object({
    events: z
      .array(usageEventInput)
      .min(1, "Send at least one event.")
      .max(MAX_EVENTS_PER_BATCH, `At most ${MAX_EVENTS_PER_BATCH} events per request.`),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.events.forEach((event, index) => {
      if (seen.has(event.id))
        ctx.addIssue({ code: "custom", path: ["events", index, "id"], message: "Duplicate id in this batch." });
      seen.add(event.id);
    });
  });

export const usageEventResource = z
  .object({
    id: z.string().describe("Your idempotency key."),
    event_name: z.string(),
    value: z.number().int(),
    timestamp: z.iso.datetime(),
    properties: z.record(z.string(), z.unknown()).nullable(),
    reported_at: z.iso.datetime().nullable(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: "UsageEvent" });

export const recordUsageEventsResult = z
  .object({
    accepted: z.number().int().describe("Events stored by this request."),
    duplicates: z.array(z.string()).describe("Ids already recorded earlier (ignored)."),
  })
  .meta({ id: "UsageEventsResult" });

export async function recordUsageEvents(
  ctx: TenantContext,
  input: unknown,
  { apiKeyId = null as string | null, now = new Date() } = {},
): Promise<z.infer<typeof recordUsageEventsResult>> {
  assertActive(ctx);
  const { events } = parseInput(recordUsageEventsSchema, input);
  const limit = TIER_DEFINITIONS[ctx.tier].limits.storageBytes;
  return withTenant(ctx.tenant.id, async (tx) => {
    if (limit !== null && (await storageBytes(tx)) >= limit) {
      throw new AppError(
        "limit_exceeded",
        `This workspace stores more than its ${formatLimit(limit, "bytes")} of storage. Upgrade the plan to record more events.`,
        { limit },
      );
    }
    const created = await tx.usageEvent.createManyAndReturn({
      data: events.map((event) => ({
        tenantId: ctx.tenant.id,
        idempotencyKey: event.id,
        eventName: event.event_name,
        value: event.value,
        occurredAt: event.timestamp ? new Date(event.timestamp) : now,
        properties: event.properties,
        apiKeyId,
      })),
      skipDuplicates: true,
      select: { idempotencyKey: true },
    });
    const stored = new Set(created.map((row) => row.idempotencyKey));
    return { accepted: stored.size, duplicates: events.map((e) => e.id).filter((id) => !stored.has(id)) };
  });
}

export const listUsageEventsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
  event_name: z.string().max(64).optional(),
});

export async function listUsageEvents(ctx: TenantContext, query: z.infer<typeof listUsageEventsQuery>) {
  const rows = await withTenant(ctx.tenant.id, async (tx) => {
    if (query.cursor) {
      // An unknown cursor would silently yield an empty page (or Prisma's error): refuse it instead.
      const known = await tx.usageEvent.findUnique({
        where: { tenantId_id: { tenantId: ctx.tenant.id, id: query.cursor } },
        select: { id: true },
      });
      if (!known) {
        throw new AppError("validation_failed", "Some fields are not valid.", {
          cursor: ["Not a cursor returned by this list: pass next_cursor as is."],
        });
      }
    }
    return tx.usageEvent.findMany({
      where: query.event_name ? { eventName: query.event_name } : {},
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: query.limit + 1,
      ...(query.cursor ? { cursor: { tenantId_id: { tenantId: ctx.tenant.id, id: query.cursor } }, skip: 1 } : {}),
    });
  });
  const page = rows.slice(0, query.limit);
  return {
    data: page.map((row) => ({
      id: row.idempotencyKey,
      event_name: row.eventName,
      value: row.value,
      timestamp: isoDateTime(row.occurredAt),
      properties: (row.properties as Record<string, unknown> | null) ?? null,
      reported_at: isoDateTimeOrNull(row.reportedAt),
      created_at: isoDateTime(row.createdAt),
    })),
    next_cursor: rows.length > query.limit ? last(page, "event of a full page").id : null,
  };
}
