// The public help centre's Pages Router pages on the real database: their data functions
// (pages/help/…: getServerSideProps, through lib/knowledge/help-center-bridge.ts) with the reads
// instrumentation.ts registers. 404 while the help centre is off, for drafts, for another
// workspace's article and for odd ids; the search ranks and highlights; 503 with nothing registered.
import type { ServerResponse } from "node:http";

import type { GetServerSidePropsContext } from "next";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createArticle } from "@/lib/knowledge/articles";
import { createCollection } from "@/lib/knowledge/collections";
import { updateHelpCenterSettings } from "@/lib/knowledge/help-center";
import {
  helpArticleProps,
  helpCenterHomeProps,
  type HelpPageContext,
  registerPublicHelpCenterReads,
} from "@/lib/knowledge/help-center-bridge";
import { installPublicHelpCenterReads } from "@/lib/knowledge/help-center-views";
import { MARK_END, MARK_START } from "@/lib/knowledge/search";
import type { TenantContext } from "@/lib/tenancy/context";
import { getServerSideProps as articlePage } from "@/pages/help/[slug]/[id]";
import { getServerSideProps as homePage } from "@/pages/help/[slug]/index";

import { tenantWithOwner } from "../helpers/api";
import { openTestDb, type TestDb } from "../helpers/db";

let t: TestDb;
let a: TenantContext;
let b: TenantContext;
const ids: Record<string, string> = {};

function ctx(params: Record<string, string>, query: Record<string, string | string[]> = {}): HelpPageContext {
  const res = { statusCode: 200, setHeader: () => res } as unknown as ServerResponse;
  return { params, query, req: { headers: {} }, res };
}

/** The same context as Next's, for the pages' own getServerSideProps (they read only these fields). */
const asNext = (context: HelpPageContext) => context as unknown as GetServerSidePropsContext;

beforeAll(async () => {
  t = await openTestDb();
  a = await tenantWithOwner(t.db, "PROFESSIONAL");
  b = await tenantWithOwner(t.db, "PROFESSIONAL");
  const guides = await createCollection(a, { name: "Guides" });
  ids.published = (
    await createArticle(a, {
      title: "Resetting your password",
      body: "# Resetting\n\nOpen Settings and press **Reset password**.",
      published: true,
      collection_id: guides.id,
    })
  ).id;
  ids.loose = (await createArticle(a, { title: "Status page", body: "Incidents are listed.", published: true })).id;
  ids.draft = (await createArticle(a, { title: "Draft password notes", body: "Not yet.", published: false })).id;
  ids.otherWorkspace = (
    await createArticle(b, { title: "B's password reset", body: "B resets passwords.", published: true })
  ).id;
  await updateHelpCenterSettings(b, { enabled: true });
  installPublicHelpCenterReads();
}, 120_000);

afterAll(async () => {
  registerPublicHelpCenterReads(null);
  await t?.close();
});

describe("help centre pages (Pages Router, through the bridge)", () => {
  it("are 404 while the workspace has its help centre off", async () => {
    expect(await helpCenterHomeProps(ctx({ slug: a.tenant.slug }))).toEqual({ notFound: true });
    expect(await helpArticleProps(ctx({ slug: a.tenant.slug, id: ids.published! }))).toEqual({ notFound: true });
    expect(await helpCenterHomeProps(ctx({ slug: "no-such-workspace" }))).toEqual({ notFound: true });
  });

  it("list published articles by collection, search them ranked and highlighted", async () => {
    await updateHelpCenterSettings(a, { enabled: true, title: "Acme answers" });
    const home = await homePage(asNext(ctx({ slug: a.tenant.slug.toUpperCase() }, { q: "password" })));
    expect(home).toMatchObject({
      props: {
        center: { slug: a.tenant.slug, title: "Acme answers" },
        q: "password",
        groups: [
          { name: "Guides", items: [{ id: ids.published, title: "Resetting your password" }] },
          { name: "More articles", items: [{ id: ids.loose, title: "Status page" }] },
        ],
      },
    });
    const hits = (home as { props: { hits: { id: string; snippet: string }[] } }).props.hits;
    expect(hits.map((h) => h.id)).toEqual([ids.published]);
    expect(hits[0]!.snippet).toMatch(new RegExp(`${MARK_START}password${MARK_END}`, "i"));
    // JSON only: what getServerSideProps returns must survive serialisation unchanged.
    expect(JSON.parse(JSON.stringify(home))).toEqual(home);
  });

  it("show a published article, and 404 for drafts, other workspaces' articles and odd ids", async () => {
    const page = await articlePage(asNext(ctx({ slug: a.tenant.slug, id: ids.published! })));
    expect(page).toMatchObject({
      props: { center: { title: "Acme answers" }, article: { id: ids.published, title: "Resetting your password" } },
    });
    const updatedAt = (page as { props: { article: { updatedAt: string } } }).props.article.updatedAt;
    expect(new Date(updatedAt).toISOString()).toBe(updatedAt);
    for (const id of [ids.draft!, ids.otherWorkspace!, "x".repeat(64), "made-up-id"])
      expect(await helpArticleProps(ctx({ slug: a.tenant.slug, id }))).toEqual({ notFound: true });
    // B's own help centre shows B's article, not A's.
    expect(await helpArticleProps(ctx({ slug: b.tenant.slug, id: ids.published! }))).toEqual({ notFound: true });
  });

  it("answer a clean page for odd searches, never an error", async () => {
    for (const q of ["\u0000", "'\"); drop table x; --", "a".repeat(5_000), "!!! & | <>", "-", '"unterminated'])
      expect(await helpCenterHomeProps(ctx({ slug: a.tenant.slug }, { q }))).toMatchObject({ props: { center: {} } });
  });

  it("are 503 in a process that registered no reads", async () => {
    registerPublicHelpCenterReads(null);
    try {
      expect(await helpCenterHomeProps(ctx({ slug: a.tenant.slug }))).toEqual({ props: { unavailable: true } });
    } finally {
      installPublicHelpCenterReads();
    }
  });
});
