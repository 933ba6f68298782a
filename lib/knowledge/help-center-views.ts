// The public help centre's pages as data: what pages/help/… render, read through the checks of
// ./help-center.ts. Registered at start-up (instrumentation.ts) through ./help-center-bridge.ts,
// since the Pages Router may not import this module (it reaches the database, server-only).
// Access: anyone, while the help centre is on (getPublicHelpCenter is the check: a workspace
// unknown, closed or with it off is null, a 404); published articles only (getPublishedArticle,
// listPublishedArticles, searchHelpCenter); no session is read.
import "server-only";

import { isAppError } from "@/lib/errors";
import {
  type HelpArticleView,
  type HelpCenterHomeView,
  type PublicHelpCenterReads,
  registerPublicHelpCenterReads,
} from "./help-center-bridge";
import {
  getPublicHelpCenter,
  getPublishedArticle,
  listPublishedArticles,
  type PublicHelpCenter,
  searchHelpCenter,
} from "./help-center";

/** A domain's not_found as null (the page's 404); any other error goes on. */
async function orNull<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") return null;
    throw error;
  }
}

const head = (center: PublicHelpCenter) => ({ slug: center.slug, title: center.title, name: center.name });

export async function helpCenterHome(slug: string, q: string): Promise<HelpCenterHomeView | null> {
  const center = await orNull(getPublicHelpCenter(slug));
  if (!center) return null;
  const [{ articles, collections }, hits] = await Promise.all([
    listPublishedArticles(center),
    q ? searchHelpCenter(center, q) : null,
  ]);
  const item = (a: { id: string; title: string }) => ({ id: a.id, title: a.title });
  const groups = [
    ...collections.map((c) => ({
      name: c.name,
      items: articles.filter((a) => a.collectionId === c.id).map(item),
    })),
    {
      name: collections.length ? "More articles" : "Articles",
      items: articles.filter((a) => !a.collectionId || !collections.some((c) => c.id === a.collectionId)).map(item),
    },
  ].filter((g) => g.items.length > 0);
  return {
    center: head(center),
    groups,
    q,
    hits: hits && hits.map((hit) => ({ id: hit.id, title: hit.title, snippet: hit.snippet })),
  };
}

export async function helpArticle(slug: string, id: string): Promise<HelpArticleView | null> {
  const center = await orNull(getPublicHelpCenter(slug));
  if (!center) return null;
  const article = await orNull(getPublishedArticle(center, id));
  if (!article) return null;
  return {
    center: head(center),
    article: { id: article.id, title: article.title, body: article.body, updatedAt: article.updatedAt.toISOString() },
  };
}

export const publicHelpCenterReads: PublicHelpCenterReads = { home: helpCenterHome, article: helpArticle };

/** Hands the reads to the Pages Router pages of this process (instrumentation.ts). */
export function installPublicHelpCenterReads(): void {
  registerPublicHelpCenterReads(publicHelpCenterReads);
}
