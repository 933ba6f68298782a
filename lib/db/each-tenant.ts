// One statement for many tenants in one round trip, with row-level security as withTenant() applies
// it: tessera_each_tenant() (migration 20261203123000_each_tenant) runs the statement once per tenant
// with app.tenant_id set to that tenant, so every row it reads or writes is checked against the one
// tenant it runs for. The caller's transaction must already run as tessera_app (withTenant, or
// withTenantsTx below): a superuser or the owner would bypass the policies.
import "server-only";

import { getDb } from "./client";
import type { PrismaClient } from "./generated/client";
import { APP_DB_ROLE } from "./tenant";

/** What eachTenant needs of a client or transaction: raw queries. */
export interface RawQueries {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

/**
 * Runs `statement` once per tenant of `args` (its parameter $1 is that tenant's value, as jsonb);
 * the statement returns one row with one jsonb column (or no row: null). Results by tenant id.
 */
export async function eachTenant<R = unknown>(
  tx: RawQueries,
  statement: string,
  args: ReadonlyMap<string, unknown>,
): Promise<Map<string, R | null>> {
  const results = new Map<string, R | null>();
  if (args.size === 0) return results;
  const rows = await tx.$queryRawUnsafe<{ tenant_id: string; result: R | null }[]>(
    "SELECT tenant_id, result FROM tessera_each_tenant($1, $2::jsonb)",
    statement,
    JSON.stringify(Object.fromEntries(args)),
  );
  for (const row of rows) results.set(row.tenant_id, row.result);
  return results;
}

export type PlatformTx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * One transaction on behalf of several tenants: it runs as tessera_app with no tenant set (tenant
 * tables show no rows), so tenant rows are reached only through eachTenant, one tenant at a time.
 * Platform tables granted to tessera_app (webhook_events) are reachable directly.
 */
export async function withTenantsTx<T>(
  fn: (tx: PlatformTx) => Promise<T>,
  options: { db?: PrismaClient; timeoutMs?: number } = {},
): Promise<T> {
  const db = options.db ?? (await getDb());
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.tenant_id', '', true), set_config('role', ${APP_DB_ROLE}, true)`;
      return fn(tx);
    },
    { timeout: options.timeoutMs ?? 30_000, maxWait: 5_000 },
  );
}
