// The knowledge base on the real database: full-text ranking answers a fixture set of questions
// with the right article, versions and restore, permissions by role, isolation of articles,
// documents and search between workspaces, the assistants' searchKnowledge passages (section,
// link, confidence, the missing-article suggestion), and extraction of PDF, DOCX, HTML and
// Markdown files the test generates, run by the background job with progress and clear errors.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createAgent, deleteAgent } from "@/lib/assistants/agents";
import { withTenant } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import {
  createArticle,
  deleteArticle,
  getArticle,
  listArticles,
  listVersions,
  restoreVersion,
  updateArticle,
} from "@/lib/knowledge/articles";
import { searchKnowledge } from "@/lib/knowledge/assistant";
import { createCollection, deleteCollection, listCollections } from "@/lib/knowledge/collections";
import {
  deleteDocument,
  getDocument,
  listDocuments,
  runExtractionJobs,
  uploadDocument,
} from "@/lib/knowledge/documents";
import {
  getPublicHelpCenter,
  getPublishedArticle,
  listPublishedArticles,
  searchHelpCenter,
  updateHelpCenterSettings,
} from "@/lib/knowledge/help-center";
import { MARK_END, MARK_START, searchKnowledgeBase } from "@/lib/knowledge/search";
import { setObjectStore } from "@/lib/storage";
import { DiskStore } from "@/lib/storage/disk";
import type { TenantContext } from "@/lib/tenancy/context";
import { buildTenantContext } from "@/lib/tenancy/context";
import type { Role } from "@/lib/db/generated/enums";

import { makeDocx, makePdf } from "../fixtures/documents";
import { tenantWithOwner } from "../helpers/api";
import { openTestDb, uniq, type TestDb } from "../helpers/db";

let t: TestDb;
let root: string;
let a: TenantContext;
let b: TenantContext;

async function as(ctx: TenantContext, role: Role): Promise<TenantContext> {
  const user = await t.db.user.create({ data: { email: `${uniq(role.toLowerCase())}@example.test`, name: role } });
  await t.db.membership.create({ data: { tenantId: ctx.tenant.id, userId: user.id, role } });
  return buildTenantContext(
    { id: user.id, email: user.email, name: user.name, isPlatformAdmin: false },
    ctx.tenant,
    role,
  );
}

function stream(bytes: Uint8Array<ArrayBuffer>): ReadableStream<Uint8Array> {
  return new Response(bytes).body!;
}

async function upload(ctx: TenantContext, name: string, bytes: Uint8Array<ArrayBuffer> | string) {
  const body = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  return uploadDocument(ctx, { body: stream(body), declaredSize: body.byteLength, name }, { startJob: false });
}

const FIXTURE = [
  {
    title: "Resetting your password",
    body: "# Resetting your password\n\nOpen Settings, choose Security and press **Reset password**. A link arrives by email and works for one hour.",
  },
  {
    title: "Inviting teammates",
    body: "# Inviting teammates\n\nAdmins invite people from the Members page by email and choose their role. Pending invitations hold a seat.",
  },
  {
    title: "Exporting invoices",
    body: "# Exporting invoices\n\nOn the Billing page every invoice has a PDF download. Accountants can export all invoices of a year as a ZIP.",
  },
  {
    title: "API rate limits",
    body: "# API rate limits\n\nEach plan allows a number of API requests per minute. Past it the API answers 429 with Retry-After.\n\n## Raising the limit\n\nUpgrade the plan or contact sales for a higher request quota.",
  },
  {
    title: "Cancelling a subscription",
    body: "# Cancelling\n\nOwners cancel from the Billing page; the plan runs until the end of the paid period, then the workspace moves to Free.",
  },
  {
    title: "Single sign-on",
    body: "# Single sign-on\n\nEnterprise workspaces connect SAML identity providers such as Okta or Azure AD.",
  },
];

const QUESTIONS: [string, string][] = [
  ["How do I reset my password?", "Resetting your password"],
  ["I forgot my password", "Resetting your password"],
  ["how can I invite a colleague to the team?", "Inviting teammates"],
  ["download invoice as PDF", "Exporting invoices"],
  ["Why does the API answer 429 too many requests?", "API rate limits"],
  ["how to cancel my subscription", "Cancelling a subscription"],
  ["Does Tessera support Okta SAML login?", "Single sign-on"],
  ["export all invoices for my accountant", "Exporting invoices"],
];

beforeAll(async () => {
  t = await openTestDb();
  root = await mkdtemp(path.join(tmpdir(), "tessera-knowledge-"));
  setObjectStore(new DiskStore(root));
  a = await tenantWithOwner(t.db, "PROFESSIONAL");
  b = await tenantWithOwner(t.db, "PROFESSIONAL");
  for (const article of FIXTURE) await createArticle(a, article);
  // The other workspace writes about the same subjects: it must never show up in a's results.
  await createArticle(b, { title: "B's password reset", body: "B resets passwords through its own SSO portal, Okta." });
}, 120_000);

afterAll(async () => {
  setObjectStore(undefined);
  await rm(root, { recursive: true, force: true });
  await t?.close();
});

describe("full-text search", () => {
  it.each(QUESTIONS)("answers %j with the right article first", async (question, expected) => {
    const result = await searchKnowledgeBase(a, question);
    expect(result.hits[0]?.title).toBe(expected);
    expect(result.hits.every((h) => !h.title.startsWith("B's"))).toBe(true);
  });

  it("highlights the matches and ranks a title match above a passing mention", async () => {
    const result = await searchKnowledgeBase(a, "invoices");
    expect(result.mode).toBe("all");
    expect(result.hits[0]?.title).toBe("Exporting invoices");
    expect(result.hits[0]?.snippet).toContain(`${MARK_START}invoice`);
    expect(result.hits[0]?.snippet).toContain(MARK_END);
  });

  it("keeps each workspace's articles and search to itself", async () => {
    const fromB = await searchKnowledgeBase(b, "reset password");
    expect(fromB.hits.map((h) => h.title)).toEqual(["B's password reset"]);
    const aList = await listArticles(a);
    expect(aList).toHaveLength(FIXTURE.length);
    const bArticle = (await listArticles(b))[0]!;
    await expect(getArticle(a, bArticle.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(updateArticle(a, bArticle.id, { title: "Hijacked" })).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteArticle(a, bArticle.id)).rejects.toMatchObject({ code: "not_found" });
    // Even a query that forgets the tenant filter sees only the tenant's rows (RLS).
    const seen = await withTenant(
      a.tenant.id,
      (tx) => tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM knowledge_articles`,
    );
    expect(seen[0]!.n).toBe(FIXTURE.length);
  });

  it("filters the list by collection, tag and state", async () => {
    const guides = await createCollection(a, { name: uniq("Guides") });
    const article = await createArticle(a, {
      title: "Webhooks",
      body: "Signed webhooks retry with backoff.",
      collection_id: guides.id,
      tags: "api, Integrations",
      published: "on",
    });
    expect(article.tags).toEqual(["api", "integrations"]);
    expect((await listArticles(a, { collectionId: guides.id })).map((x) => x.title)).toEqual(["Webhooks"]);
    expect((await listArticles(a, { tag: "integrations" })).map((x) => x.title)).toEqual(["Webhooks"]);
    expect((await listArticles(a, { published: true })).map((x) => x.title)).toEqual(["Webhooks"]);
    expect((await listArticles(a, { q: "webhooks retry" }))[0]?.title).toBe("Webhooks");
    expect((await listCollections(a)).find((c) => c.id === guides.id)?.articles).toBe(1);
    await expect(createCollection(a, { name: guides.name })).rejects.toMatchObject({ code: "conflict" });
    await expect(createArticle(b, { title: "x", body: "y", collection_id: guides.id })).rejects.toMatchObject({
      code: "validation_failed",
    });
    await deleteCollection(a, guides.id);
    expect((await getArticle(a, article.id)).collectionId).toBeNull();
    await deleteArticle(a, article.id);
  });
});

describe("versions", () => {
  it("saves a version per change, refuses a stale save and restores an earlier one", async () => {
    const article = await createArticle(a, { title: "Data retention", body: "We keep logs for 30 days." });
    const v2 = await updateArticle(a, article.id, { body: "We keep logs for 90 days.", expected_version: 1 });
    expect(v2.version).toBe(2);
    const same = await updateArticle(a, article.id, { body: "We keep logs for 90 days." });
    expect(same.version).toBe(2);
    await expect(updateArticle(a, article.id, { body: "stale", expected_version: 1 })).rejects.toMatchObject({
      code: "conflict",
    });
    const restored = await restoreVersion(a, article.id, 1);
    expect(restored).toMatchObject({ version: 3, body: "We keep logs for 30 days." });
    const versions = await listVersions(a, article.id);
    expect(versions.map((v) => [v.version, v.body])).toEqual([
      [3, "We keep logs for 30 days."],
      [2, "We keep logs for 90 days."],
      [1, "We keep logs for 30 days."],
    ]);
    await expect(listVersions(b, article.id)).rejects.toMatchObject({ code: "not_found" });
    await deleteArticle(a, article.id);
  });

  it("refuses bad input with field errors and writes nothing", async () => {
    const error = await createArticle(a, { title: "  ", body: "" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details).toMatchObject({ title: expect.any(Array), body: expect.any(Array) });
    expect(await listArticles(a)).toHaveLength(FIXTURE.length);
  });
});

describe("permissions", () => {
  it("lets viewers read and search but not write; members write", async () => {
    const viewer = await as(a, "VIEWER");
    expect((await searchKnowledgeBase(viewer, "password")).hits.length).toBeGreaterThan(0);
    await expect(createArticle(viewer, { title: "x", body: "y" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(upload(viewer, "x.txt", "text")).rejects.toMatchObject({ code: "forbidden" });
    const member = await as(a, "MEMBER");
    const made = await createArticle(member, { title: "Member note", body: "Members can write." });
    await expect(updateHelpCenterSettings(member, { enabled: true })).rejects.toMatchObject({ code: "forbidden" });
    await deleteArticle(member, made.id);
  });
});

describe("searchKnowledge (the assistants' tool)", () => {
  it("returns passages with section and link, citable, with high confidence when covered", async () => {
    const answer = await searchKnowledge(a, "How do I raise my API rate limit?");
    expect(answer.passages[0]).toMatchObject({
      n: 1,
      title: "API rate limits",
      section: "Raising the limit",
      source: "article",
    });
    expect(answer.passages[0]!.link).toMatch(new RegExp(`^/t/${a.tenant.slug}/knowledge/[^/]+#raising-the-limit$`));
    expect(answer.confidence).toBe("high");
    expect(answer.summary).toContain("[1] API rate limits › Raising the limit");
    expect(answer.suggestions).toEqual([]);
  });

  it("lowers confidence when only part of the question is covered", async () => {
    const answer = await searchKnowledge(a, "reset password for quantum teleportation");
    expect(answer.passages[0]?.title).toBe("Resetting your password");
    expect(answer.confidence === "partial" || answer.confidence === "low").toBe(true);
    expect(answer.missing.join(" ")).toContain("quantum");
  });

  it("is the support agents' by default and any agent's by choice", async () => {
    const finance = await createAgent(a, {
      name: uniq("Finance + knowledge"),
      domain: "finance",
      instructions: "",
      tools: ["finance_overview", "search_knowledge"],
    });
    expect(finance.tools).toEqual(["finance_overview", "search_knowledge"]);
    await expect(
      createAgent(a, { name: uniq("Finance + roster"), domain: "finance", instructions: "", tools: ["team_roster"] }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    await deleteAgent(a, finance.id);
  });

  it("suggests writing the missing article when nothing matches", async () => {
    const answer = await searchKnowledge(a, "carbon offsetting policy");
    expect(answer.passages).toEqual([]);
    expect(answer.confidence).toBe("none");
    expect(answer.suggestions[0]!.href).toBe(`/t/${a.tenant.slug}/knowledge/new?title=carbon%20offsetting%20policy`);
  });
});

describe("uploaded documents", () => {
  it("extracts a generated PDF page by page and makes it searchable", async () => {
    const pdf = makePdf([
      ["Warehouse handbook", "Forklifts are charged overnight in bay seven."],
      ["Safety", "Helmets are mandatory in the loading zone."],
    ]);
    const doc = await upload(a, "Warehouse handbook.pdf", pdf);
    expect(doc).toMatchObject({ status: "QUEUED", format: "pdf", progress: 0 });
    expect(await runExtractionJobs()).toBeGreaterThanOrEqual(1);
    const done = await getDocument(a, doc.id);
    expect(done).toMatchObject({ status: "READY", progress: 100, pages: 2, error: null });
    expect(done.text).toContain("## Page 2");
    expect(done.text).toContain("Helmets are mandatory");
    const hits = await searchKnowledgeBase(a, "forklifts charged");
    expect(hits.hits[0]).toMatchObject({ kind: "document", id: doc.id });
    const answer = await searchKnowledge(a, "where are helmets mandatory?");
    expect(answer.passages[0]).toMatchObject({ source: "document", section: "Page 2" });
    expect(answer.passages[0]!.link).toBe(`/t/${a.tenant.slug}/knowledge/documents/${doc.id}#page-2`);
    // The other workspace finds nothing of it.
    expect((await searchKnowledgeBase(b, "forklifts")).hits).toEqual([]);
    expect(await listDocuments(b)).toEqual([]);
    await expect(getDocument(b, doc.id)).rejects.toMatchObject({ code: "not_found" });
  }, 60_000);

  it("extracts a generated DOCX with its headings as sections", async () => {
    const docx = await makeDocx([
      { heading: 1, text: "Travel policy" },
      { text: "Book trains for journeys under four hours." },
      { heading: 2, text: "Expenses" },
      { text: "Submit receipts within thirty days." },
    ]);
    const doc = await upload(a, "travel.docx", docx);
    expect(doc.format).toBe("docx");
    await runExtractionJobs();
    const done = await getDocument(a, doc.id);
    expect(done.status).toBe("READY");
    expect(done.title).toBe("Travel policy");
    expect(done.text).toContain("## Expenses");
    const answer = await searchKnowledge(a, "when should receipts be submitted?");
    expect(answer.passages[0]).toMatchObject({ title: "Travel policy", section: "Expenses" });
  }, 60_000);

  it("extracts HTML and Markdown, and fails clearly on a damaged PDF", async () => {
    const html = await upload(
      a,
      "faq.html",
      "<!doctype html><html><head><title>Office FAQ</title><script>alert(1)</script></head><body><h2>Parking</h2><p>Visitors park in lot &amp; garage B.</p></body></html>",
    );
    const md = await upload(a, "onboarding.md", "# Onboarding\n\n## Laptops\n\nIT hands out laptops on Monday.");
    const broken = await upload(a, "broken.pdf", "%PDF-1.4\nthis is not really a pdf at all\n");
    await runExtractionJobs();
    const h = await getDocument(a, html.id);
    expect(h).toMatchObject({ status: "READY", format: "html", title: "Office FAQ" });
    expect(h.text).toContain("## Parking");
    expect(h.text).not.toContain("alert");
    expect(h.text).toContain("lot & garage B");
    expect(await getDocument(a, md.id)).toMatchObject({ status: "READY", format: "markdown", title: "Onboarding" });
    const failed = await getDocument(a, broken.id);
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toMatch(/PDF could not be read|No text found/);
    // Deleting the document deletes its file (and frees its bytes).
    await deleteDocument(a, broken.id);
    await expect(getDocument(a, broken.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await t.db.storedFile.count({ where: { id: broken.fileId } })).toBe(0);
  }, 60_000);

  it("refuses types it cannot extract (checked by content)", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    await expect(upload(a, "notes.pdf", png)).rejects.toMatchObject({ code: "validation_failed" });
  });
});

describe("public help centre", () => {
  it("is off by default, shows only published articles when on", async () => {
    await expect(getPublicHelpCenter(a.tenant.slug)).rejects.toMatchObject({ code: "not_found" });
    const published = await createArticle(a, {
      title: "Public status page",
      body: "Our status page lists incidents.",
      published: true,
    });
    await updateHelpCenterSettings(a, { enabled: true, title: "" });
    const center = await getPublicHelpCenter(a.tenant.slug);
    const { articles } = await listPublishedArticles(center);
    expect(articles.map((x) => x.title)).toEqual(["Public status page"]);
    expect((await getPublishedArticle(center, published.id)).title).toBe("Public status page");
    const draft = (await listArticles(a)).find((x) => x.title === "Resetting your password")!;
    await expect(getPublishedArticle(center, draft.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await searchHelpCenter(center, "password")).map((h) => h.title)).toEqual([]);
    expect((await searchHelpCenter(center, "status incidents")).map((h) => h.title)).toEqual(["Public status page"]);
    await updateHelpCenterSettings(a, { enabled: false });
    await expect(getPublicHelpCenter(a.tenant.slug)).rejects.toMatchObject({ code: "not_found" });
    await deleteArticle(a, published.id);
  });
});
