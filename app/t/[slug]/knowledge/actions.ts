"use server";
// The knowledge base's actions. Each authenticates, resolves the workspace from the bound slug and
// checks its permission (tenantAction); lib/knowledge checks again. Bind the slug:
// `saveArticleAction.bind(null, slug)`. Uploads go to POST /api/v1/knowledge/documents from the
// browser (streamed, with progress), not through an action.
import { redirect } from "next/navigation";
import { z } from "zod";

import { parseInput } from "@/lib/errors";
import { tenantAction } from "@/lib/http/action";
import { createArticle, deleteArticle, restoreVersion, updateArticle } from "@/lib/knowledge/articles";
import { createCollection, deleteCollection } from "@/lib/knowledge/collections";
import { deleteDocument, retryDocument } from "@/lib/knowledge/documents";
import { updateHelpCenterSettings } from "@/lib/knowledge/help-center";
import { versionNumber } from "@/lib/knowledge/schemas";

const idInput = z.object({ id: z.string().min(1).max(64) });
const versionInput = idInput.extend({ version: versionNumber });

function articleInput(input: Record<string, string>) {
  return {
    title: input.title ?? "",
    body: input.body ?? "",
    collection_id: input.collection_id ?? null,
    tags: input.tags ?? "",
    published: input.published === "on" || input.published === "true",
    ...(input.expected_version ? { expected_version: input.expected_version } : {}),
  };
}

/** Creates an article (no id) or saves a new version of one, then opens it. */
export const saveArticleAction = tenantAction("knowledge.save_article", "knowledge:write", async (ctx, input) => {
  const article = input.id
    ? await updateArticle(ctx, input.id, articleInput(input))
    : await createArticle(ctx, articleInput(input));
  redirect(`/t/${ctx.tenant.slug}/knowledge/${article.id}?saved=${article.version}`);
});

export const deleteArticleAction = tenantAction("knowledge.delete_article", "knowledge:write", async (ctx, input) => {
  await deleteArticle(ctx, parseInput(idInput, input).id);
  redirect(`/t/${ctx.tenant.slug}/knowledge`);
});

export const restoreVersionAction = tenantAction("knowledge.restore", "knowledge:write", async (ctx, input) => {
  const { id, version } = parseInput(versionInput, input);
  const article = await restoreVersion(ctx, id, version);
  redirect(`/t/${ctx.tenant.slug}/knowledge/${article.id}?saved=${article.version}`);
});

export const createCollectionAction = tenantAction(
  "knowledge.create_collection",
  "knowledge:write",
  async (ctx, input) => {
    const created = await createCollection(ctx, { name: input.name ?? "", description: input.description ?? "" });
    return { message: `Collection “${created.name}” created.` };
  },
);

export const deleteCollectionAction = tenantAction(
  "knowledge.delete_collection",
  "knowledge:write",
  async (ctx, input) => {
    await deleteCollection(ctx, parseInput(idInput, input).id);
    return { message: "Collection deleted; its articles are kept." };
  },
);

export const retryDocumentAction = tenantAction("knowledge.retry_document", "knowledge:write", async (ctx, input) => {
  await retryDocument(ctx, parseInput(idInput, input).id);
  return { message: "Extraction queued again." };
});

export const deleteDocumentAction = tenantAction("knowledge.delete_document", "knowledge:write", async (ctx, input) => {
  await deleteDocument(ctx, parseInput(idInput, input).id);
  return { message: "Document deleted." };
});

export const helpCenterAction = tenantAction("knowledge.help_center", "settings:update", async (ctx, input) => {
  const settings = await updateHelpCenterSettings(ctx, {
    enabled: input.enabled === "on" || input.enabled === "true",
    title: input.title ?? "",
  });
  return { message: settings.enabled ? "The help centre is public." : "The help centre is off." };
});
