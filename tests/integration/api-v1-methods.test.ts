// /api/v1 without proxy.ts (issue 11.1): the proxy no longer runs on API calls, so every route file
// answers the methods it does not serve itself — the JSON 405 with Allow and OPTIONS with the same
// Allow (lib/http/methods.ts) — and an unknown path reaches app/api/[[...path]], the JSON 404.
// This holds every v1 route file, present and future, to exporting those stubs, and checks the
// proxy's matcher leaves /api/v1 alone except for the paths whose encoding it must check.
import { describe, expect, it } from "vitest";

import * as catchAll from "@/app/api/[[...path]]/route";
import { getOpenApiDocumentRoute } from "@/lib/api/openapi";
import { V1_ROUTES } from "@/lib/api/v1";
import { allowHeader, NOT_SERVED } from "@/lib/http/methods";
import { config } from "@/proxy";

import { proxyMatches } from "../helpers/next-matcher";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const ALL = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const modules = import.meta.glob<Record<string, unknown>>("/app/api/v1/**/route.ts", { eager: true });
const DECLARED = [...V1_ROUTES, getOpenApiDocumentRoute];

/** "/app/api/v1/members/[user_id]/route.ts" → "/api/v1/members/{user_id}". */
function templateOf(file: string): string {
  return file
    .replace(/^\/app/, "")
    .replace(/\/route\.ts$/, "")
    .replace(/\[(\w+)\]/g, "{$1}");
}

const isStub = (value: unknown) =>
  typeof value === "function" && (value as unknown as Record<symbol, unknown>)[NOT_SERVED] === true;

describe("every /api/v1 route file answers every method", () => {
  const files = Object.entries(modules);

  it("finds the route files", () => {
    expect(files.length).toBeGreaterThanOrEqual(50);
  });

  it.each(files.map(([file, module]) => [templateOf(file), module] as const))(
    "%s: served methods are the declared ones, the others are JSON 405 stubs",
    async (template, module) => {
      const served = ALL.filter((method) => typeof module[method] === "function" && !isStub(module[method]));
      const declared = DECLARED.filter((def) => def.path === template).map((def) => def.method);
      expect([...served].sort()).toEqual([...declared].sort());
      const allow = allowHeader(served);
      for (const method of ALL.filter((m) => !served.includes(m))) {
        expect(isStub(module[method]), `${method} ${template} has no JSON 405 stub`).toBe(true);
        const response = await (module[method] as Handler)(
          new Request(`http://localhost${template}`, {
            method,
            headers: { "x-request-id": "req-405" },
            body: method === "GET" ? undefined : "{}",
          }),
          { params: Promise.resolve({}) },
        );
        expect(response.status).toBe(405);
        expect(response.headers.get("allow")).toBe(allow);
        expect(response.headers.get("x-request-id")).toBe("req-405");
        expect(response.headers.get("content-type")).toContain("application/json");
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe("method_not_allowed");
      }
      expect(typeof module.OPTIONS, `OPTIONS ${template}`).toBe("function");
      const options = await (module.OPTIONS as Handler)(
        new Request(`http://localhost${template}`, { method: "OPTIONS" }),
        {
          params: Promise.resolve({}),
        },
      );
      expect(options.status).toBe(204);
      expect(options.headers.get("allow")).toBe(allow);
    },
  );

  it("an unknown /api/v1 path reaches the catch-all: the JSON 404", async () => {
    for (const method of ALL) {
      const response = await catchAll[method](new Request("http://localhost/api/v1/nope", { method }));
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("not_found");
    }
  });
});

describe("proxy.ts's matcher", () => {
  const runs = (path: string) => proxyMatches(config, `http://localhost${path}`);

  it("leaves the public API alone", () => {
    for (const path of ["/api/v1", "/api/v1/ping", "/api/v1/members/u_1", "/api/v1/files/upload", "/api/v1/nope/x"]) {
      expect(runs(path), path).toBe(false);
    }
  });

  it("still checks API paths holding a percent sign, and runs on pages", () => {
    for (const path of ["/api/v1/members/%ZZ", "/api/v1/%6Dembers", "/api/auth/%C0%AF", "/t/acme", "/"]) {
      expect(runs(path), path).toBe(true);
    }
  });
});
