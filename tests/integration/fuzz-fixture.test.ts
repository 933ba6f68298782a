// The fuzz suite bites: a deliberately broken route, declared and written the way a route added
// later would be (tests/fixtures/broken-route.ts), is fuzzed by the same engine as the real API
// and its mistakes are found — a 500 from an unbounded name, a 500 from an unbounded number turned
// into a date, and an audit row written by a request that then answered 409. The same route done
// right passes, so the findings are the route's, not the engine's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createApiKey } from "@/lib/api-keys/keys";
import { config as proxyConfig, proxy } from "@/proxy";

import { brokenModule, brokenWidgetRoute, fixedModule, fixedWidgetRoute } from "../fixtures/broken-route";
import { tenantWithOwner } from "../helpers/api";
import { declaredTarget, emptyReport, fuzzTarget, summarize, type FuzzTarget } from "../helpers/fuzz/engine";
import { openFuzzDb } from "../helpers/fuzz/writes";

let fuzzDb: Awaited<ReturnType<typeof openFuzzDb>>;
let key: string;

beforeAll(async () => {
  fuzzDb = await openFuzzDb();
  const ctx = await tenantWithOwner(fuzzDb.db, "ENTERPRISE");
  key = (await createApiKey(ctx, { name: "fixture", scopes: ["tenant:write"] })).secret;
}, 120_000);

afterAll(async () => {
  await fuzzDb?.close();
});

async function fuzz(target: FuzzTarget) {
  const report = emptyReport();
  const findings = await fuzzTarget(
    target,
    {
      seed: 17,
      cases: 120,
      proxy: proxy as never,
      proxyConfig,
      routes: [{ template: target.template, module: target.module }],
      takeWrites: fuzzDb.takeWrites,
    },
    report,
  );
  return { report, findings };
}

describe("the fuzz engine on a deliberately broken route", () => {
  it("finds its 500s and the row its refused request wrote", async () => {
    const target = declaredTarget(brokenWidgetRoute, brokenModule, {
      caller: () => ({ authorization: `Bearer ${key}` }),
      ids: ["w1", "w2"],
    });
    const { report, findings } = await fuzz(target);
    const problems = findings.map((f) => f.problem);
    expect(
      problems.some((p) => p.startsWith("500 from the handler")),
      summarize(report),
    ).toBe(true);
    expect(findings.some((f) => f.kind.includes("name") && f.problem.startsWith("500"))).toBe(true);
    expect(findings.some((f) => f.kind.includes("days") && f.problem.startsWith("500"))).toBe(true);
    expect(problems.some((p) => /^refused with 409 but wrote rows: audit_logs INSERT/.test(p))).toBe(true);
  }, 180_000);

  it("passes the same route done right", async () => {
    const target = declaredTarget(fixedWidgetRoute, fixedModule, {
      caller: () => ({ authorization: `Bearer ${key}` }),
      ids: ["w1", "w2"],
    });
    const { report, findings } = await fuzz(target);
    expect(findings.map((f) => `${f.kind}: ${f.request} → ${f.problem}`)).toEqual([]);
    // It did get through to the handler, successes included.
    expect(report.statuses[200]).toBeGreaterThan(5);
    expect(report.statuses[400]).toBeGreaterThan(20);
  }, 180_000);
});
