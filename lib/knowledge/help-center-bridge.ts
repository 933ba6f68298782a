// How the public help centre's Pages Router pages (pages/help/…) read the database without
// importing it. Next refuses modules marked `import "server-only"` (the database client among them)
// anywhere in pages/, and that marker is what keeps the client out of browser bundles, so it stays.
// Instead the reads are handed over at start-up: instrumentation.ts registers
// `publicHelpCenterReads` (./help-center-views.ts, server-only) once per server process, and the
// pages look them up here.
//
// This module imports nothing at run time (types only), so it is safe in any bundle; what it hands
// out exists only in a server process that registered it. The registry lives on globalThis under a
// `Symbol.for` key: instrumentation and the pages are compiled as separate module graphs, so a
// module-level variable would be two different variables. Fails closed: a process that never
// registered the reads answers 503, never a page without its checks.
//
// Access (what the registered reads enforce, lib/knowledge/help-center.ts): anyone, while the
// workspace publishes its help centre; published articles only; no session is read.
import type { IncomingHttpHeaders, ServerResponse } from "node:http";

/** The help centre as its pages show it (props: JSON only). */
export interface HelpCenterHead {
  slug: string;
  /** The help centre's title (its own, or "<workspace> help centre"). */
  title: string;
  /** The workspace's name. */
  name: string;
}

export interface HelpCenterHomeView {
  center: HelpCenterHead;
  /** Published articles by collection ("More articles" / "Articles" last), empty groups left out. */
  groups: { name: string; items: { id: string; title: string }[] }[];
  /** The search, trimmed and cut to 200 characters; "" when none. */
  q: string;
  /** Ranked hits (snippets marked with U+E000/U+E001 around matches), null when no search. */
  hits: { id: string; title: string; snippet: string }[] | null;
}

export interface HelpArticleView {
  center: HelpCenterHead;
  article: { id: string; title: string; body: string; updatedAt: string };
}

/** The reads the pages need; each answers null where the page is a 404. */
export interface PublicHelpCenterReads {
  home(slug: string, q: string): Promise<HelpCenterHomeView | null>;
  article(slug: string, id: string): Promise<HelpArticleView | null>;
}

const KEY = Symbol.for("tessera.publicHelpCenterReads");
const registry = globalThis as unknown as { [KEY]?: PublicHelpCenterReads };

/** Registers the reads for this process (instrumentation.ts, at start-up; tests). */
export function registerPublicHelpCenterReads(reads: PublicHelpCenterReads | null): void {
  if (reads) registry[KEY] = reads;
  else delete registry[KEY];
}

/** The registered reads, or null in a process that did not register them. */
export function publicHelpCenterReads(): PublicHelpCenterReads | null {
  return registry[KEY] ?? null;
}

/** What getServerSideProps returns for these pages (Next's GetServerSidePropsResult, narrowed). */
export type HelpPageResult<P> = { props: P } | { props: { unavailable: true } } | { notFound: true };

/** Context fields the pages pass on (a subset of GetServerSidePropsContext). */
export interface HelpPageContext {
  params?: Record<string, string | string[] | undefined>;
  query: Record<string, string | string[] | undefined>;
  req: { headers: IncomingHttpHeaders };
  res: ServerResponse;
}

const SLUG = /^[A-Za-z0-9-]{1,64}$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** The search text: first `q`, control characters as spaces, trimmed, at most 200 characters. */
export function searchText(value: string | string[] | undefined): string {
  // PostgreSQL refuses a NUL in text: a search holding one would be a 500, not a page.
  return (single(value) ?? "")
    .replace(/\p{Cc}/gu, " ")
    .trim()
    .slice(0, 200);
}

/**
 * Whether Next is answering the page's props as JSON (`/_next/data/<build>/help/….json`: Next
 * marks those requests with this header). These pages send no script, so no client ever asks for
 * it; and a custom domain's proxy does not run on /_next/ paths, so answering it there would show
 * another workspace's help centre on that domain (lib/tenancy/domain-routing.ts). Refused: 404.
 */
export function isDataRequest(ctx: HelpPageContext): boolean {
  return ctx.req.headers["x-nextjs-data"] !== undefined;
}

async function read<P>(ctx: HelpPageContext, load: (reads: PublicHelpCenterReads) => Promise<P | null>) {
  if (isDataRequest(ctx)) return { notFound: true } as const;
  const reads = publicHelpCenterReads();
  if (!reads) {
    ctx.res.statusCode = 503;
    ctx.res.setHeader("Retry-After", "30");
    return { props: { unavailable: true } } as const;
  }
  const props = await load(reads);
  return props ? { props } : ({ notFound: true } as const);
}

/** getServerSideProps of /help/<slug>: 404 for a malformed slug, before any read. */
export function helpCenterHomeProps(ctx: HelpPageContext): Promise<HelpPageResult<HelpCenterHomeView>> {
  const slug = single(ctx.params?.slug) ?? "";
  if (!SLUG.test(slug)) return Promise.resolve({ notFound: true });
  return read(ctx, (reads) => reads.home(slug, searchText(ctx.query.q)));
}

/** getServerSideProps of /help/<slug>/<id>: 404 for a malformed slug or id, before any read. */
export function helpArticleProps(ctx: HelpPageContext): Promise<HelpPageResult<HelpArticleView>> {
  const slug = single(ctx.params?.slug) ?? "";
  const id = single(ctx.params?.id) ?? "";
  if (!SLUG.test(slug) || !ID.test(id)) return Promise.resolve({ notFound: true });
  return read(ctx, (reads) => reads.article(slug, id));
}
