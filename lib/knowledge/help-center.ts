// The workspace's public help centre (/help/<slug>): off by default; admins (settings:update)
// turn it on. It shows published articles only, to anyone, with search. Public reads go through
// the tenant-scoped client like every tenant read, after the tenant and the switch are checked.
import "server-only";

import { getDb } from "../db/client";
import { withTenant } from "../db/tenant";
import { AppError, parseInput } from "@/lib/errors";
import { writeAudit } from "../tenancy/audit";
import { actorOf, assertActive, assertCan, type TenantContext } from "../tenancy/context";
import { helpCenterSchema } from "./schemas";
import { searchTenantKnowledge, type SearchHit } from "./search";

export interface HelpCenterSettings {
  enabled: boolean;
  title: string | null;
}

export async function getHelpCenterSettings(ctx: TenantContext): Promise<HelpCenterSettings> {
  assertCan(ctx, "knowledge:read");
  const row = await withTenant(ctx.tenant.id, (tx) => tx.knowledgeSettings.findFirst({}));
  return { enabled: row?.helpCenterEnabled ?? false, title: row?.helpCenterTitle ?? null };
}

export async function updateHelpCenterSettings(ctx: TenantContext, input: unknown): Promise<HelpCenterSettings> {
  assertCan(ctx, "settings:update");
  assertActive(ctx);
  const data = parseInput(helpCenterSchema, input);
  return withTenant(ctx.tenant.id, async (tx) => {
    const row = await tx.knowledgeSettings.upsert({
      where: { tenantId: ctx.tenant.id },
      create: { tenantId: ctx.tenant.id, helpCenterEnabled: data.enabled, helpCenterTitle: data.title ?? null },
      update: { helpCenterEnabled: data.enabled, helpCenterTitle: data.title ?? null },
    });
    await writeAudit(tx, ctx.tenant.id, actorOf(ctx), {
      action: data.enabled ? "help_center.enabled" : "help_center.disabled",
      targetType: "knowledge_settings",
      targetId: ctx.tenant.id,
      after: { enabled: data.enabled, title: data.title ?? null },
    });
    return { enabled: row.helpCenterEnabled, title: row.helpCenterTitle };
  });
}

export interface PublicHelpCenter {
  tenantId: string;
  slug: string;
  name: string;
  title: string;
}

/** The help centre of a workspace by slug, or 404 when the workspace is unknown, closed or has it off. */
export async function getPublicHelpCenter(slug: string): Promise<PublicHelpCenter> {
  const db = await getDb();
  const tenant = await db.tenant.findUnique({
    where: { slug: slug.toLowerCase() },
    select: { id: true, slug: true, name: true, status: true },
  });
  if (!tenant || tenant.status === "DELETED" || tenant.status === "SUSPENDED") {
    throw AppError.notFound("No such help centre.");
  }
  const settings = await withTenant(tenant.id, (tx) => tx.knowledgeSettings.findFirst({}));
  if (!settings?.helpCenterEnabled) throw AppError.notFound("No such help centre.");
  return {
    tenantId: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    title: settings.helpCenterTitle || `${tenant.name} help centre`,
  };
}

export async function listPublishedArticles(center: PublicHelpCenter) {
  return withTenant(center.tenantId, async (tx) => {
    const [articles, collections] = await Promise.all([
      tx.knowledgeArticle.findMany({
        where: { published: true },
        orderBy: { title: "asc" },
        select: { id: true, title: true, collectionId: true, updatedAt: true },
        take: 1000,
      }),
      tx.knowledgeCollection.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    ]);
    return { articles, collections };
  });
}

export async function getPublishedArticle(center: PublicHelpCenter, id: string) {
  const article = await withTenant(center.tenantId, (tx) =>
    tx.knowledgeArticle.findFirst({
      where: { id, published: true },
      select: { id: true, title: true, body: true, updatedAt: true },
    }),
  );
  if (!article) throw AppError.notFound("No such article.");
  return article;
}

export async function searchHelpCenter(center: PublicHelpCenter, query: string): Promise<SearchHit[]> {
  const found = await searchTenantKnowledge(center.tenantId, query, {
    limit: 20,
    kinds: ["article"],
    publishedOnly: true,
  });
  return found.rows.map((r) => ({
    kind: r.kind,
    id: r.id,
    title: r.title,
    snippet: r.snippet,
    rank: Number(r.rank),
    collectionId: r.collectionId,
    tags: r.tags ?? [],
    published: r.published,
    updatedAt: r.updatedAt,
  }));
}
