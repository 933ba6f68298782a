// Tenant isolation, twice.
//  1. By construction: withTenant() hands the callback a client whose every query on a
//     tenant-owned model is pinned to the tenant (where/data get its id, whatever the caller wrote).
//  2. By PostgreSQL: the same transaction sets app.tenant_id and switches to the non-owner role
//     tessera_app, so the RLS policies of the migrations filter anything the first layer missed
//     (raw SQL included).
import "server-only";

import { getDb } from "./client";
import { Prisma, type PrismaClient } from "./generated/client";

export const APP_DB_ROLE = "tessera_app";

/** Tenant-owned models and the column that names their tenant. */
export const TENANT_OWNED = {
  Tenant: "id",
  Membership: "tenantId",
  Invitation: "tenantId",
  AuditLog: "tenantId",
  ApiKey: "tenantId",
  UsageRollup: "tenantId",
  UsageFlush: "tenantId",
  UsageEvent: "tenantId",
  BillingAccount: "tenantId",
  Subscription: "tenantId",
  SubscriptionVersion: "tenantId",
  Invoice: "tenantId",
  Payment: "tenantId",
  Refund: "tenantId",
  Dispute: "tenantId",
  Order: "tenantId",
  MeterReport: "tenantId",
  TenantStorage: "tenantId",
  StoredFile: "tenantId",
  AnalyticsApiHourly: "tenantId",
  AnalyticsFlush: "tenantId",
  AnalyticsActiveUser: "tenantId",
  Dashboard: "tenantId",
  AssistantAgent: "tenantId",
  AssistantConversation: "tenantId",
  AssistantMessage: "tenantId",
  AssistantAction: "tenantId",
  KnowledgeArticle: "tenantId",
  KnowledgeArticleVersion: "tenantId",
  KnowledgeCollection: "tenantId",
  KnowledgeDocument: "tenantId",
  KnowledgeSettings: "tenantId",
} as const satisfies Partial<Record<Prisma.ModelName, string>>;

type TenantOwnedModel = keyof typeof TENANT_OWNED;

function isTenantOwned(model: string | undefined): model is TenantOwnedModel {
  return model !== undefined && model in TENANT_OWNED;
}

type Args = Record<string, unknown>;

function pinWhere(args: Args, column: string, tenantId: string): void {
  args.where = { ...((args.where as Args | undefined) ?? {}), [column]: tenantId };
}

function pinData(data: unknown, column: string, tenantId: string): unknown {
  if (Array.isArray(data)) return data.map((row) => pinData(row, column, tenantId));
  if (data && typeof data === "object") {
    const row = { ...(data as Args) };
    // A relation-style `tenant: { connect }` would bypass the scalar: replace it.
    delete row.tenant;
    row[column] = tenantId;
    return row;
  }
  return data;
}

/** The query extension that pins tenant-owned models to one tenant. */
export function tenantGuard(tenantId: string) {
  return Prisma.defineExtension({
    name: "tenant-guard",
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          if (!isTenantOwned(model)) return query(args);
          const column = TENANT_OWNED[model];
          const next = { ...(args as Args) };
          switch (operation) {
            case "create":
            case "createMany":
            case "createManyAndReturn":
              if (model === "Tenant") throw new Error("tenants are created through the platform client");
              next.data = pinData(next.data, column, tenantId);
              break;
            case "upsert":
              pinWhere(next, column, tenantId);
              next.create = pinData(next.create, column, tenantId);
              break;
            case "update":
            case "updateMany":
            case "updateManyAndReturn":
              pinWhere(next, column, tenantId);
              if (next.data && typeof next.data === "object") {
                const data = { ...(next.data as Args) };
                delete data[column];
                delete data.tenant;
                next.data = data;
              }
              break;
            default:
              // find*, count, aggregate, groupBy, delete, deleteMany
              pinWhere(next, column, tenantId);
          }
          return query(next);
        },
      },
    },
  });
}

export type TenantClient = ReturnType<typeof scopedClient>;
export type TenantTx = Parameters<Parameters<TenantClient["$transaction"]>[0]>[0];

function scopedClient(db: PrismaClient, tenantId: string) {
  return db.$extends(tenantGuard(tenantId));
}

export interface WithTenantOptions {
  /** Defaults to the process-wide client. */
  db?: PrismaClient;
  timeoutMs?: number;
}

/**
 * Runs `fn` in one transaction on behalf of a tenant: queries are pinned to the tenant and run
 * under RLS as tessera_app. Everything `fn` writes commits or rolls back together.
 */
export async function withTenant<T>(
  tenantId: string,
  fn: (tx: TenantTx) => Promise<T>,
  options: WithTenantOptions = {},
): Promise<T> {
  if (!tenantId) throw new Error("withTenant needs a tenant id");
  const db = options.db ?? (await getDb());
  return scopedClient(db, tenantId).$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.tenant_id', ${tenantId}, true), set_config('role', ${APP_DB_ROLE}, true)`;
      return fn(tx);
    },
    { timeout: options.timeoutMs ?? 10_000, maxWait: 5_000 },
  );
}
