// Knowledge search with embeddings, on whichever database the run has: where pgvector is
// available (PGlite always; this machine's PostgreSQL has none) saves write chunk vectors and
// search fuses them with the full-text ranking; where it is not, nothing is written, no provider
// is called, and search is the full-text search it was, saying so. A fake OpenAI-compatible
// /embeddings server stands in for a semantic provider (words of one topic share a direction).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { Env } from "@/lib/env";
import { withTenant } from "@/lib/db/tenant";
import { createArticle, deleteArticle, updateArticle } from "@/lib/knowledge/articles";
import { searchKnowledgeBase } from "@/lib/knowledge/search";
import { indexMissingEmbeddings, vectorSearchStatus, vectorStoreAvailable } from "@/lib/knowledge/vectors";
import type { TenantContext } from "@/lib/tenancy/context";

import { tenantWithOwner } from "../helpers/api";
import { openTestDb, type TestDb } from "../helpers/db";

const settings = vi.hoisted(() => ({ env: undefined as unknown as Env }));
vi.mock("@/lib/env", async (importOriginal) =>
  (await import("../helpers/settings")).withSettings(importOriginal, settings, { KNOWLEDGE_EMBEDDINGS: "local" }),
);

// ─── A semantic provider: topics, not words ───────────────────────────────────
const TOPICS: string[][] = [
  ["password", "passwords", "credential", "credentials", "login", "locked", "recover", "reset", "resetting"],
  ["invoice", "invoices", "receipt", "receipts", "bill", "billing", "accountant"],
  ["invite", "inviting", "teammate", "teammates", "colleague", "onboard"],
];
const DIMS = 16;

function topicVector(text: string): number[] {
  const v = Array.from({ length: DIMS }, () => 0);
  v[DIMS - 1] = 0.05; // never the zero vector
  for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) {
    const topic = TOPICS.findIndex((words) => words.includes(word));
    if (topic >= 0) v[topic]! += 1;
  }
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

let server: Server;
let requests = 0;
let failNext = false;

let t: TestDb;
let a: TenantContext;
let b: TenantContext;
let available: boolean;

async function chunkCount(ctx: TenantContext, articleId: string): Promise<number> {
  const rows = await withTenant(ctx.tenant.id, (tx) =>
    tx.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM knowledge_chunks WHERE "articleId" = $1`,
      articleId,
    ),
  );
  return rows[0]!.n;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      requests++;
      if (failNext || req.url !== "/v1/embeddings" || req.headers.authorization !== "Bearer test-embedding-key") {
        failNext = false;
        res.writeHead(500, { "content-type": "application/json" }).end('{"error":"boom"}');
        return;
      }
      const { input, dimensions } = JSON.parse(body) as { input: string[]; dimensions: number };
      expect(dimensions).toBe(DIMS);
      const data = input.map((text, index) => ({ index, embedding: topicVector(text) }));
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t = await openTestDb();
  available = await vectorStoreAvailable();
  a = await tenantWithOwner(t.db, "PROFESSIONAL");
  b = await tenantWithOwner(t.db, "PROFESSIONAL");
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
});

beforeEach(() => {
  settings.env.KNOWLEDGE_EMBEDDINGS = "local";
  settings.env.EMBEDDING_DIMENSIONS = 256;
});

function useSemanticProvider() {
  settings.env.KNOWLEDGE_EMBEDDINGS = "openai";
  settings.env.EMBEDDING_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  settings.env.EMBEDDING_API_KEY = "test-embedding-key";
  settings.env.EMBEDDING_MODEL = "fake-topics";
  settings.env.EMBEDDING_DIMENSIONS = DIMS;
}

describe("where vectors apply", () => {
  it("uses them exactly where the database has the pgvector extension, and says which", async () => {
    const ext = await t.db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_available_extensions WHERE name = 'vector'`;
    expect(available).toBe(ext[0]!.n > 0);
    if (t.kind === "embedded") expect(available).toBe(true); // PGlite loads pgvector

    const status = await vectorSearchStatus();
    expect(status.ranking).toBe(available ? "hybrid" : "full-text");
    if (!available) expect(status.reason).toMatch(/pgvector/);

    settings.env.KNOWLEDGE_EMBEDDINGS = "off";
    expect(await vectorSearchStatus()).toMatchObject({ ranking: "full-text", reason: expect.stringMatching(/off/) });
    const result = await searchKnowledgeBase(a, "anything");
    expect(result.ranking).toBe("full-text");
  });
});

describe("local embeddings", () => {
  it("embed an article's chunks on save, replace them on update, and go with the article", async () => {
    const article = await createArticle(a, {
      title: "Resetting your password",
      body: "# Resetting\n\nOpen Settings and press Reset password.\n\n# When the link expired\n\nAsk for a new link.",
    });
    const found = await searchKnowledgeBase(a, "reset password");
    expect(found.hits[0]?.id).toBe(article.id);
    expect(found.ranking).toBe(available ? "hybrid" : "full-text");
    if (!available) {
      // No table, nothing written, search as before.
      expect(await t.db.$queryRaw`SELECT to_regclass('knowledge_chunks')::text AS t`).toEqual([{ t: null }]);
      return;
    }
    expect(await chunkCount(a, article.id)).toBe(2);
    await updateArticle(a, article.id, { body: "One section now." });
    expect(await chunkCount(a, article.id)).toBe(1);
    await deleteArticle(a, article.id);
    expect(await chunkCount(a, article.id)).toBe(0);
  });

  it("only re-rank what the words found: no word in common, no hit", async () => {
    const article = await createArticle(a, { title: "Inviting teammates", body: "Admins invite people by email." });
    const none = await searchKnowledgeBase(a, "zebra quartz");
    expect(none).toMatchObject({ mode: "none", hits: [] });
    const some = await searchKnowledgeBase(a, "invite teammates");
    expect(some.mode).toBe("all");
    expect(some.hits[0]?.id).toBe(article.id);
    await deleteArticle(a, article.id);
  });

  it("keep the order both rankings agree on, with full-text headlines", async () => {
    // Both titles hold "billing"; ts_rank ties them on the title, the text decides.
    const thin = await createArticle(a, { title: "Billing overview", body: "General notes." });
    const rich = await createArticle(a, {
      title: "Billing contacts",
      body: "Billing contacts receive every billing email: billing receipts, billing reminders.",
    });
    const result = await searchKnowledgeBase(a, "billing");
    expect(result.hits.map((h) => h.id).slice(0, 2)).toEqual([rich.id, thin.id]);
    expect(result.hits[0]!.snippet).toContain("\uE000"); // headlines still come from full text
    await deleteArticle(a, thin.id);
    await deleteArticle(a, rich.id);
  });
});

describe("a semantic provider (OpenAI-compatible)", () => {
  it("finds an article by meaning when no word matches, never another workspace's, and calls no provider without pgvector", async () => {
    useSemanticProvider();
    const before = requests;
    const article = await createArticle(a, {
      title: "Resetting your password",
      body: "Open Settings, choose Security and press Reset password.",
    });
    await createArticle(b, { title: "B's invoices", body: "B mails every invoice to the accountant." });
    const result = await searchKnowledgeBase(a, "recover credentials");
    if (!available) {
      expect(requests).toBe(before);
      expect(result).toMatchObject({ ranking: "full-text", mode: "none", hits: [] });
      return;
    }
    expect(requests).toBeGreaterThan(before);
    expect(result.ranking).toBe("hybrid");
    expect(result.mode).toBe("related");
    expect(result.hits.map((h) => h.id)).toEqual([article.id]);
    // A's question about invoices never reaches B's article.
    const fromA = await searchKnowledgeBase(a, "receipt for my accountant");
    expect(fromA.hits.every((h) => !h.title.startsWith("B's"))).toBe(true);
    const fromB = await searchKnowledgeBase(b, "receipt for my accountant");
    expect(fromB.hits.map((h) => h.title)).toEqual(["B's invoices"]);
    await deleteArticle(a, article.id);
  });

  it("never fails a save when the provider fails; the cron embeds what was missed", async () => {
    useSemanticProvider();
    failNext = true;
    const article = await createArticle(a, { title: "Team onboarding", body: "Onboard a colleague in minutes." });
    expect(article.title).toBe("Team onboarding");
    if (!available) {
      expect(await indexMissingEmbeddings()).toBe(0);
      return;
    }
    expect(await chunkCount(a, article.id)).toBe(0);
    // Full text still finds it meanwhile.
    expect((await searchKnowledgeBase(a, "onboarding")).hits[0]?.id).toBe(article.id);
    expect(await indexMissingEmbeddings(500)).toBeGreaterThanOrEqual(1);
    expect(await chunkCount(a, article.id)).toBe(1);
    const related = await searchKnowledgeBase(a, "invite a teammate");
    expect(related.hits[0]?.id).toBe(article.id);
    await deleteArticle(a, article.id);
  });
});
