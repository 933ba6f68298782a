// The ledger's set-based statements, each run through eachTenant (lib/db/each-tenant.ts): once per
// tenant under that tenant's row-level security, all tenants in one round trip. $1 is the tenant's
// parameter (jsonb); every statement also filters on app.tenant_id itself (the tenant-leading
// indexes, and a second guard after RLS).
//  - LOAD_ROWS: the subscriptions (with their versions at the run's instants), invoices and payments
//    a run of events touches, and what refunds and disputes say of those payments;
//  - tableWrites(): new rows with one INSERT per table (jsonb_populate_recordset), changed rows with
//    one UPDATE per table (each row's changed fields laid over the stored row with
//    jsonb_populate_record), optional upserts — as one statement of data-modifying CTEs;
//  - DERIVED: what dunning and the tier are derived from (live subscriptions, the moment the account
//    became unpaid, the stored dunning and tier).
const TENANT = "current_setting('app.tenant_id', true)";

const wanted = (key: string) =>
  `(SELECT DISTINCT * FROM jsonb_to_recordset(coalesce($1->'${key}', '[]'::jsonb)) AS w(provider text, "providerId" text))`;

const agg = (select: string) => `(SELECT coalesce(jsonb_agg(x), '[]'::jsonb) FROM (${select}) x)`;

export const LOAD_ROWS = `
WITH s AS (
  SELECT s.id, s.provider, s."providerId", s."providerCreatedAt", s.tier, s.interval, s.status, s.currency,
         s."unitAmount", s."currentPeriodStart", s."currentPeriodEnd", s."trialEnd", s."cancelAtPeriodEnd",
         s."canceledAt", s."providerUpdatedAt"
    FROM subscriptions s JOIN ${wanted("subscriptions")} w ON s.provider::text = w.provider AND s."providerId" = w."providerId"
   WHERE s."tenantId" = ${TENANT}
), wp AS ${wanted("payments")}
SELECT jsonb_build_object(
  'subscriptions', ${agg("SELECT * FROM s")},
  'versions', ${agg(`
    SELECT v."subscriptionId", v."effectiveAt", v.tier, v.interval, v.status, v."unitAmount"
      FROM subscription_versions v JOIN s ON v."subscriptionId" = s.id
     WHERE v."tenantId" = ${TENANT}
       AND v."effectiveAt" IN (SELECT jsonb_array_elements_text(coalesce($1->'instants', '[]'::jsonb))::timestamptz)`)},
  'invoices', ${agg(`
    SELECT i.provider, i."providerId", i.status, i."paymentProviderId", i."providerUpdatedAt"
      FROM invoices i JOIN ${wanted("invoices")} w ON i.provider::text = w.provider AND i."providerId" = w."providerId"
     WHERE i."tenantId" = ${TENANT}`)},
  'payments', ${agg(`
    SELECT p.provider, p."providerId", p.status, p."providerUpdatedAt", p."amountRefunded", p.disputed,
           p."invoiceProviderId", p."subscriptionProviderId", p."orderProviderId"
      FROM payments p JOIN wp w ON p.provider::text = w.provider AND p."providerId" = w."providerId"
     WHERE p."tenantId" = ${TENANT}`)},
  'refunded', ${agg(`
    SELECT r.provider, r."paymentProviderId" AS "providerId", sum(r.amount)::bigint AS amount
      FROM refunds r JOIN wp w ON r.provider::text = w.provider AND r."paymentProviderId" = w."providerId"
     WHERE r."tenantId" = ${TENANT}
     GROUP BY 1, 2`)},
  'disputed', ${agg(`
    SELECT DISTINCT d.provider, d."paymentProviderId" AS "providerId"
      FROM disputes d JOIN wp w ON d.provider::text = w.provider AND d."paymentProviderId" = w."providerId"
     WHERE d."tenantId" = ${TENANT}`)})`;

/**
 * The earliest moment one of the tenant's live subscriptions became unpaid (null: none is), as
 * ledger-account.ts defines it per subscription: its first FAILED payment after its last success
 * (a SUCCEEDED payment's or a PAID invoice's paidAt), counting only its own money (its invoices,
 * and payments linked to one of them or to it) and not the failed attempts of its VOID invoices.
 */
export const UNPAID_SINCE = `(
  WITH live AS (
    SELECT provider, "providerId" FROM subscriptions
     WHERE "tenantId" = ${TENANT} AND status IN ('TRIALING', 'ACTIVE', 'PAST_DUE')
  ), inv AS (
    SELECT l.provider AS sp, l."providerId" AS sid, i."providerId", i.status, i."paidAt"
      FROM live l JOIN invoices i ON i.provider = l.provider AND i."subscriptionProviderId" = l."providerId"
     WHERE i."tenantId" = ${TENANT}
  ), own AS (
    SELECT l.provider AS sp, l."providerId" AS sid, p.status, p."paidAt", p."providerCreatedAt", p."invoiceProviderId"
      FROM live l JOIN payments p ON p.provider = l.provider
     WHERE p."tenantId" = ${TENANT}
       AND (p."subscriptionProviderId" = l."providerId"
            OR p."invoiceProviderId" IN (SELECT i."providerId" FROM inv i WHERE i.sp = l.provider AND i.sid = l."providerId"))
  ), paid AS (
    SELECT l.provider AS sp, l."providerId" AS sid, GREATEST(
             (SELECT max(o."paidAt") FROM own o WHERE o.sp = l.provider AND o.sid = l."providerId" AND o.status = 'SUCCEEDED'),
             (SELECT max(i."paidAt") FROM inv i WHERE i.sp = l.provider AND i.sid = l."providerId" AND i.status = 'PAID')) AS at
      FROM live l
  )
  SELECT min(o."providerCreatedAt")
    FROM own o JOIN paid ON paid.sp = o.sp AND paid.sid = o.sid
   WHERE o.status = 'FAILED'
     AND (paid.at IS NULL OR o."providerCreatedAt" > paid.at)
     AND (o."invoiceProviderId" IS NULL OR NOT EXISTS (
           SELECT 1 FROM inv i
            WHERE i.sp = o.sp AND i.sid = o.sid AND i.status = 'VOID' AND i."providerId" = o."invoiceProviderId"))
)`;

export const DERIVED = `
SELECT jsonb_build_object(
  'live', ${agg(`
    SELECT provider, "providerId", tier, status FROM subscriptions
     WHERE "tenantId" = ${TENANT} AND status IN ('TRIALING', 'ACTIVE', 'PAST_DUE')`)},
  'unpaidSince', ${UNPAID_SINCE},
  'account', (SELECT jsonb_build_object('pastDueSince', "pastDueSince") FROM billing_accounts WHERE "tenantId" = ${TENANT}),
  'tenant', (SELECT jsonb_build_object('tier', tier, 'trialTier', "trialTier", 'overageBilling', "overageBilling")
               FROM tenants WHERE id = ${TENANT}))`;

/** Rows to insert into one table, and changes to rows of it (key columns → fields to set). */
export interface TableWrite {
  inserts?: Record<string, unknown>[];
  updates?: { key: Record<string, unknown>; patch: Record<string, unknown> }[];
  /** Inserted rows that exist already (this conflict target) get the inserted values instead. */
  upsertOn?: string[];
}

/** Key columns and their SQL types, per table the ledger updates. */
const KEY_TYPES: Record<string, Record<string, string>> = {
  subscriptions: { id: "text" },
  subscription_versions: { subscriptionId: "text", effectiveAt: "timestamptz" },
  invoices: { provider: "text", providerId: "text" },
  payments: { provider: "text", providerId: "text" },
  tenants: { id: "text" },
};

const quote = (column: string) => `"${column.replace(/"/g, '""')}"`;
const columnsOf = (rows: readonly Record<string, unknown>[]) => [...new Set(rows.flatMap((r) => Object.keys(r)))];

/**
 * One statement writing several tables for every tenant of `writes` (tenant → table → TableWrite):
 * the SQL, and each tenant's parameter. Tables are written in the order of `tables` (CTEs of one
 * statement; foreign keys are checked at its end, so versions may name subscriptions it inserts).
 */
export function tableWrites(
  tables: readonly string[],
  writes: ReadonlyMap<string, Record<string, TableWrite>>,
): { sql: string; args: Map<string, Record<string, unknown>> } {
  const ctes: string[] = [];
  for (const table of tables) {
    const all = [...writes.values()].map((w) => w[table]).filter((w): w is TableWrite => Boolean(w));
    const inserts = all.flatMap((w) => w.inserts ?? []);
    if (inserts.length) {
      const columns = columnsOf(inserts).map(quote).join(", ");
      const upsertOn = all.find((w) => w.upsertOn)?.upsertOn;
      const conflict = upsertOn
        ? ` ON CONFLICT (${upsertOn.map(quote).join(", ")}) DO UPDATE SET ${columnsOf(inserts)
            .filter((c) => !upsertOn.includes(c))
            .map((c) => `${quote(c)} = EXCLUDED.${quote(c)}`)
            .join(", ")}`
        : "";
      ctes.push(
        `i_${ctes.length} AS (INSERT INTO ${quote(table)} (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::${quote(table)}, coalesce($1->'i:${table}', '[]'::jsonb))${conflict} RETURNING 1)`,
      );
    }
    const updates = all.flatMap((w) => w.updates ?? []);
    if (updates.length) {
      const keys = KEY_TYPES[table];
      if (!keys) throw new Error(`tableWrites: no key known for ${table}`);
      const columns = columnsOf(updates.map((u) => u.patch)).map(quote);
      const keyList = Object.entries(keys).map(([column, type]) => `${quote(column)} ${type}`);
      const match = Object.keys(keys)
        .map(
          (column) =>
            `t.${quote(column)}${keys[column] === "text" && column === "provider" ? "::text" : ""} = p.${quote(column)}`,
        )
        .join(" AND ");
      const tenantColumn = table === "tenants" ? "id" : "tenantId";
      ctes.push(
        `u_${ctes.length} AS (UPDATE ${quote(table)} AS t SET (${columns.join(", ")}) = (SELECT ${columns.map((c) => `r.${c}`).join(", ")} FROM jsonb_populate_record(t, p.patch) AS r)` +
          ` FROM jsonb_to_recordset(coalesce($1->'u:${table}', '[]'::jsonb)) AS p(${keyList.join(", ")}, patch jsonb)` +
          ` WHERE t.${quote(tenantColumn)} = ${TENANT} AND ${match} RETURNING 1)`,
      );
    }
  }
  const args = new Map<string, Record<string, unknown>>();
  for (const [tenantId, perTable] of writes) {
    const arg: Record<string, unknown> = {};
    for (const [table, w] of Object.entries(perTable)) {
      if (w.inserts?.length) arg[`i:${table}`] = w.inserts;
      if (w.updates?.length) arg[`u:${table}`] = w.updates.map((u) => ({ ...u.key, patch: u.patch }));
    }
    args.set(tenantId, arg);
  }
  const sql = ctes.length ? `WITH ${ctes.join(",\n")} SELECT NULL::jsonb` : "SELECT NULL::jsonb";
  return { sql, args };
}
