// The bridge the help centre's Pages Router pages read through: it fails closed (503) in a process
// that registered no reads, answers 404 for a malformed slug or id before reading anything, and
// passes the page's props or a 404 through from the registered reads.
import type { ServerResponse } from "node:http";

import { afterEach, describe, expect, it, vi } from "vitest";

import {
  helpArticleProps,
  helpCenterHomeProps,
  type HelpCenterHomeView,
  publicHelpCenterReads,
  type PublicHelpCenterReads,
  registerPublicHelpCenterReads,
  searchText,
} from "./help-center-bridge";

function response() {
  const headers: Record<string, string> = {};
  const res = { statusCode: 200, setHeader: (name: string, value: string) => (headers[name] = value) };
  return { res: res as unknown as ServerResponse & { statusCode: number }, headers };
}

const HOME: HelpCenterHomeView = {
  center: { slug: "acme", title: "Acme help", name: "Acme" },
  groups: [{ name: "Articles", items: [{ id: "a1", title: "One" }] }],
  q: "",
  hits: null,
};

function fakeReads(): PublicHelpCenterReads & { home: ReturnType<typeof vi.fn>; article: ReturnType<typeof vi.fn> } {
  return {
    home: vi.fn(async (slug: string, q: string) => (slug === "acme" ? { ...HOME, q } : null)),
    article: vi.fn(async () => null),
  };
}

const req = { headers: {} };

afterEach(() => registerPublicHelpCenterReads(null));

describe("help centre bridge", () => {
  it("answers 503 with nothing registered, never a page without its checks", async () => {
    expect(publicHelpCenterReads()).toBeNull();
    const { res, headers } = response();
    expect(await helpCenterHomeProps({ params: { slug: "acme" }, query: {}, req, res })).toEqual({
      props: { unavailable: true },
    });
    expect(res.statusCode).toBe(503);
    expect(headers["Retry-After"]).toBe("30");
    const other = response();
    expect(await helpArticleProps({ params: { slug: "acme", id: "a1" }, query: {}, req, res: other.res })).toEqual({
      props: { unavailable: true },
    });
    expect(other.res.statusCode).toBe(503);
  });

  it("hands the registered reads to every module graph of the process (globalThis)", async () => {
    const reads = fakeReads();
    registerPublicHelpCenterReads(reads);
    vi.resetModules();
    const fresh = await import("./help-center-bridge");
    expect(fresh.publicHelpCenterReads()).toBe(reads);
  });

  it("passes the page's props or its 404 through, and the first q, cleaned", async () => {
    const reads = fakeReads();
    registerPublicHelpCenterReads(reads);
    const { res } = response();
    expect(
      await helpCenterHomeProps({ params: { slug: "acme" }, query: { q: ["  pass\u0000word ", "x"] }, req, res }),
    ).toEqual({
      props: { ...HOME, q: "pass word" },
    });
    expect(reads.home).toHaveBeenCalledWith("acme", "pass word");
    expect(await helpCenterHomeProps({ params: { slug: "nobody" }, query: {}, req, res })).toEqual({ notFound: true });
    expect(await helpArticleProps({ params: { slug: "acme", id: "a1" }, query: {}, req, res })).toEqual({
      notFound: true,
    });
    expect(res.statusCode).toBe(200);
  });

  it("answers 404 for a malformed slug or id without reading", async () => {
    const reads = fakeReads();
    registerPublicHelpCenterReads(reads);
    const { res } = response();
    for (const slug of ["", "a".repeat(65), "ac me", "acme\u0000", "../acme", "é"])
      expect(await helpCenterHomeProps({ params: { slug }, query: {}, req, res })).toEqual({ notFound: true });
    for (const id of ["", "x".repeat(65), "a1'", "a\u00001", "a/1", "%00"])
      expect(await helpArticleProps({ params: { slug: "acme", id }, query: {}, req, res })).toEqual({ notFound: true });
    expect(reads.home).not.toHaveBeenCalled();
    expect(reads.article).not.toHaveBeenCalled();
  });

  it("answers 404 to Next's data JSON of these pages (no client asks for it), without reading", async () => {
    const reads = fakeReads();
    registerPublicHelpCenterReads(reads);
    const { res } = response();
    const data = { headers: { "x-nextjs-data": "1" } };
    expect(await helpCenterHomeProps({ params: { slug: "acme" }, query: {}, req: data, res })).toEqual({
      notFound: true,
    });
    expect(await helpArticleProps({ params: { slug: "acme", id: "a1" }, query: {}, req: data, res })).toEqual({
      notFound: true,
    });
    expect(reads.home).not.toHaveBeenCalled();
    expect(await helpCenterHomeProps({ params: { slug: "acme" }, query: {}, req, res })).toMatchObject({ props: {} });
  });

  it("cuts the search to 200 characters and reads an empty one as none", () => {
    expect(searchText("q".repeat(500))).toHaveLength(200);
    expect(searchText(undefined)).toBe("");
    expect(searchText([])).toBe("");
    expect(searchText("\t\n ")).toBe("");
  });
});
