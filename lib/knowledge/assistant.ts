// The assistants' searchKnowledge tool (search_knowledge): the best passages of the workspace's
// knowledge base for a question, each with its article or document, section and link, numbered
// for the answer to cite ([1], [2]). Confidence says how much of the question the passages cover
// (the share of the question's terms they contain); when nothing matched, a suggestion to write
// the missing article.
import "server-only";

import { assertCan, type TenantContext } from "../tenancy/context";
import { passagesFor, snippetText, type Passage } from "./search";

export type Confidence = "high" | "partial" | "low" | "none";

export interface KnowledgePassage {
  n: number;
  source: Passage["kind"];
  id: string;
  title: string;
  section: string | null;
  snippet: string;
  link: string;
}

export interface KnowledgeAnswer {
  query: string;
  confidence: Confidence;
  /** Share of the question's terms found in the passages (0-1). */
  coverage: number;
  passages: KnowledgePassage[];
  /** One entry per article or document cited, in passage order. */
  hits: { id: string; title: string; snippet: string; rank: number }[];
  citations: { n: number; id: string; title: string; section: string | null; link: string }[];
  summary: string;
  missing: string[];
  suggestions: { label: string; href: string }[];
}

export function knowledgeLink(slug: string, kind: Passage["kind"], id: string, anchor: string | null): string {
  const base = kind === "article" ? `/t/${slug}/knowledge/${id}` : `/t/${slug}/knowledge/documents/${id}`;
  return anchor ? `${base}#${anchor}` : base;
}

export function newArticleLink(slug: string, title: string): string {
  return `/t/${slug}/knowledge/new?title=${encodeURIComponent(title.slice(0, 120))}`;
}

function confidenceOf(coverage: number, count: number): Confidence {
  if (count === 0) return "none";
  if (coverage >= 0.75) return "high";
  if (coverage >= 0.4) return "partial";
  return "low";
}

export async function searchKnowledge(ctx: TenantContext, query: string, limit = 3): Promise<KnowledgeAnswer> {
  assertCan(ctx, "knowledge:read");
  const slug = ctx.tenant.slug;
  const result = await passagesFor(ctx.tenant.id, query, limit);
  const q = result.query;
  const passages: KnowledgePassage[] = result.passages.map((p, i) => ({
    n: i + 1,
    source: p.kind,
    id: p.id,
    title: p.title,
    section: p.section,
    snippet: snippetText(p.snippet, "**"),
    link: knowledgeLink(slug, p.kind, p.id, p.anchor),
  }));
  const covered = new Set(result.passages.flatMap((p) => p.matched));
  const terms = result.terms;
  const coveredWords = terms.filter((t) => t.lexemes.some((l) => covered.has(l)));
  const coverage = terms.length === 0 ? 0 : coveredWords.length / terms.length;
  const confidence = confidenceOf(coverage, passages.length);
  const uncovered = terms.filter((t) => !coveredWords.includes(t)).map((t) => t.word);

  const seen = new Set<string>();
  const hits = result.passages
    .filter((p) => (seen.has(p.id) ? false : (seen.add(p.id), true)))
    .map((p) => ({ id: p.id, title: p.title, snippet: snippetText(p.snippet, "**"), rank: p.rank }));

  const missing: string[] = [];
  const suggestions: KnowledgeAnswer["suggestions"] = [];
  if (passages.length === 0) {
    missing.push(`The knowledge base says nothing about “${q}”.`);
    suggestions.push({ label: `Write the missing article: “${q.slice(0, 80)}”`, href: newArticleLink(slug, q) });
  } else if (confidence !== "high" && uncovered.length > 0) {
    missing.push(`The knowledge base does not mention: ${uncovered.slice(0, 8).join(", ")}.`);
    suggestions.push({
      label: `Write an article covering ${uncovered.slice(0, 3).join(", ")}`,
      href: newArticleLink(slug, q),
    });
  }
  const coverageLine = `Coverage: ${coveredWords.length} of ${terms.length} key term${terms.length === 1 ? "" : "s"} (${confidence} confidence).`;
  const summary = passages.length
    ? [
        ...passages.map(
          (p) =>
            `[${p.n}] ${p.title}${p.section && p.section !== p.title ? ` › ${p.section}` : ""}: ${p.snippet} (${p.link})`,
        ),
        coverageLine,
        "Cite the passages you use as [n].",
      ].join("\n")
    : `Nothing in the knowledge base matches “${q}”.`;
  return {
    query: q,
    confidence,
    coverage: Math.round(coverage * 100) / 100,
    passages,
    hits,
    citations: passages.map((p) => ({ n: p.n, id: p.id, title: p.title, section: p.section, link: p.link })),
    summary,
    missing,
    suggestions,
  };
}
