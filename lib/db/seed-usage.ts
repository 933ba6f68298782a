// Demo API history for the seed: two keys per workspace and three months of hourly usage
// rollups and metered events, shaped by tier. Acme (FREE) is seeded at ~85% of its monthly
// quota so the usage warning is visible on first run. Deterministic (a seeded PRNG).
import { generateSecret, hashSecret, visibleStart } from "../api-keys/secret";
import type { Prisma } from "./generated/client";
import { at, first } from "@/lib/indexed";
import { DAY_MS } from "@/lib/calendar";

/** Share of the tier's monthly quota a workspace uses (per month). */
const QUOTA_SHARE: Partial<Record<string, number>> = {
  acme: 0.85,
  bluebird: 0.45,
  cobalt: 0.2,
  delta: 0.3,
  echo: 0.25,
  foxtrot: 0.1,
  gamma: 0.05,
};
const MONTHLY_CALLS_UNLIMITED = 400_000;

const KEYS = [
  { name: "Production backend", scopes: ["tenant:read", "members:read", "usage:read", "usage:write"], share: 0.8 },
  { name: "Reporting (read-only)", scopes: ["tenant:read", "usage:read"], share: 0.2 },
];
const ROUTES = [
  ["GET /api/v1/tenant", 0.2],
  ["GET /api/v1/members", 0.3],
  ["GET /api/v1/usage", 0.2],
  ["POST /api/v1/usage/events", 0.3],
] as const;
const BUSY_HOURS = [9, 11, 14, 16];

function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

type Tx = Prisma.TransactionClient;

export async function seedApiHistory(
  tx: Tx,
  tenant: { id: string; slug: string; createdAt: Date },
  monthlyQuota: number | null,
  ownerId: string | null,
  now: Date,
): Promise<void> {
  const random = prng([...tenant.slug].reduce((sum, c) => sum * 31 + c.charCodeAt(0), 7));
  const keys: { id: string }[] = [];
  for (const spec of KEYS) {
    const secret = generateSecret("TENANT"); // thrown away: demo keys exist to be listed, not used
    keys.push(
      await tx.apiKey.create({
        data: {
          tenantId: tenant.id,
          name: spec.name,
          start: visibleStart(secret),
          hash: hashSecret(secret),
          scopes: spec.scopes,
          createdById: ownerId,
          createdAt: new Date(Math.max(tenant.createdAt.getTime(), now.getTime() - 90 * DAY_MS)),
          lastUsedAt: new Date(now.getTime() - Math.round(random() * 6) * 3_600_000),
        },
      }),
    );
  }

  const keyShares = keys.map((key, index) => ({ id: key.id, share: at(KEYS, index, "demo key").share }));
  const monthly = (monthlyQuota ?? MONTHLY_CALLS_UNLIMITED) * (QUOTA_SHARE[tenant.slug] ?? 0.3);
  const dailyCalls = monthly / 30;
  const rows: Prisma.UsageRollupCreateManyInput[] = [];
  const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const firstDay = Math.max(tenant.createdAt.getTime(), now.getTime() - 75 * DAY_MS);
  for (let day = Math.floor(firstDay / DAY_MS) * DAY_MS; day <= now.getTime(); day += DAY_MS) {
    const weekday = new Date(day).getUTCDay();
    const factor = (weekday === 0 || weekday === 6 ? 0.45 : 1.15) * (0.8 + random() * 0.4);
    // This month is scaled so the month-to-date total lands on the intended share.
    const daysThisMonth = (now.getTime() - monthStart) / DAY_MS + 1;
    const target = day >= monthStart ? (monthly / Math.max(1, daysThisMonth)) * factor : dailyCalls * factor;
    for (const hour of BUSY_HOURS) {
      const at = new Date(day + hour * 3_600_000);
      if (at > now) continue;
      for (const key of keyShares) {
        for (const [route, share] of ROUTES) {
          const count = Math.round((target / BUSY_HOURS.length) * key.share * share);
          if (count > 0) rows.push({ tenantId: tenant.id, hour: at, apiKeyId: key.id, route, count });
        }
      }
    }
  }
  // Rounding loses calls: put the month-to-date total exactly on the intended share.
  const thisMonth = rows.filter((row) => new Date(row.hour).getTime() >= monthStart);
  const missing = Math.round(monthly) - thisMonth.reduce((sum, row) => sum + row.count, 0);
  const last = thisMonth.at(-1);
  if (last && last.count + missing > 0) last.count += missing;
  if (rows.length) await tx.usageRollup.createMany({ data: rows });

  const events: Prisma.UsageEventCreateManyInput[] = Array.from({ length: 30 }, (_, i) => ({
    tenantId: tenant.id,
    idempotencyKey: `seed-${tenant.slug}-${i}`,
    eventName: i % 3 === 0 ? "reports.generated" : "documents.processed",
    value: 1 + Math.floor(random() * 40),
    occurredAt: new Date(now.getTime() - i * 0.9 * DAY_MS),
    properties: { source: "demo" },
    apiKeyId: first(keys, "demo API key").id,
  }));
  await tx.usageEvent.createMany({ data: events });
}
