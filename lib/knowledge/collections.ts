// Collections group articles and documents. Deleting one leaves its articles and documents in
// no collection (there is no foreign key: collection ids are cleared here, in one transaction).
import "server-only";

import type { KnowledgeCollection } from "../db/generated/client";
import { withTenant } from "../db/tenant";
import { AppError, isUniqueViolation, parseInput } from "@/lib/errors";
import { writeAudit } from "../tenancy/audit";
import { actorOf, assertActive, assertCan, type TenantContext } from "../tenancy/context";
import { collectionSchema } from "./schemas";

export type Collection = KnowledgeCollection & { articles: number };

export async function listCollections(ctx: TenantContext): Promise<Collection[]> {
  assertCan(ctx, "knowledge:read");
  return withTenant(ctx.tenant.id, async (tx) => {
    const [collections, counts] = await Promise.all([
      tx.knowledgeCollection.findMany({ orderBy: { name: "asc" }, take: 500 }),
      tx.knowledgeArticle.groupBy({ by: ["collectionId"], _count: { _all: true } }),
    ]);
    const byId = new Map(counts.map((c) => [c.collectionId, c._count._all]));
    return collections.map((c) => ({ ...c, articles: byId.get(c.id) ?? 0 }));
  });
}

export async function createCollection(ctx: TenantContext, input: unknown): Promise<KnowledgeCollection> {
  assertCan(ctx, "knowledge:write");
  assertActive(ctx);
  const data = parseInput(collectionSchema, input);
  try {
    return await withTenant(ctx.tenant.id, async (tx) => {
      const created = await tx.knowledgeCollection.create({
        data: { tenantId: ctx.tenant.id, name: data.name, description: data.description || null },
      });
      await writeAudit(tx, ctx.tenant.id, actorOf(ctx), {
        action: "knowledge_collection.created",
        targetType: "knowledge_collection",
        targetId: created.id,
        after: { name: created.name },
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", "A collection with this name exists.", {
        name: ["A collection with this name exists."],
      });
    }
    throw error;
  }
}

export async function deleteCollection(ctx: TenantContext, id: string): Promise<void> {
  assertCan(ctx, "knowledge:write");
  assertActive(ctx);
  await withTenant(ctx.tenant.id, async (tx) => {
    const found = await tx.knowledgeCollection.findFirst({ where: { id } });
    if (!found) throw AppError.notFound("No such collection.");
    await tx.knowledgeArticle.updateMany({ where: { collectionId: id }, data: { collectionId: null } });
    await tx.knowledgeDocument.updateMany({ where: { collectionId: id }, data: { collectionId: null } });
    await tx.knowledgeCollection.deleteMany({ where: { id } });
    await writeAudit(tx, ctx.tenant.id, actorOf(ctx), {
      action: "knowledge_collection.deleted",
      targetType: "knowledge_collection",
      targetId: id,
      before: { name: found.name },
    });
  });
}
