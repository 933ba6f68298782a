// The layer rules fail on deliberate violations (ESLint's API on fixture sources placed at real
// paths), and the package-level import graph of lib/ has no cycle.
// The rules: eslint.config.mjs and eslint-rules/tessera.mjs; docs/architecture.md explains them.
import path from "node:path";

import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

import { cycles, importEdges, packageGraph } from "../scripts/lib/import-graph";

const repo = path.resolve(import.meta.dirname, "..");
const eslint = new ESLint({ cwd: repo });

async function ruleIds(relativePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repo, relativePath) });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message);
}

describe("layer lint rules", () => {
  it("refuses app/ importing lib/db, and allows the generated enums", async () => {
    expect(
      await ruleIds("app/fixture-layers.ts", 'import { getDb } from "@/lib/db/client";\nexport const db = getDb;\n'),
    ).toContain("import/no-restricted-paths");
    expect(
      await ruleIds(
        "app/fixture-layers.ts",
        'import { withTenant } from "../lib/db/tenant";\nexport const w = withTenant;\n',
      ),
    ).toContain("import/no-restricted-paths");
    expect(
      await ruleIds(
        "app/fixture-layers.ts",
        'import { Role } from "@/lib/db/generated/enums";\nexport const r = Role;\n',
      ),
    ).toEqual([]);
  });

  it("refuses a domain importing lib/api", async () => {
    expect(
      await ruleIds(
        "lib/billing/fixture-layers.ts",
        'import { createPaypalOrder } from "../api/v1/paypal";\nexport const c = createPaypalOrder;\n',
      ),
    ).toContain("import/no-restricted-paths");
    expect(
      await ruleIds(
        "lib/tenancy/fixture-layers.ts",
        'import { defineRoute } from "@/lib/api/define";\nexport const d = defineRoute;\n',
      ),
    ).toContain("import/no-restricted-paths");
  });

  it("refuses lib/ below the request boundary importing lib/http, type imports too", async () => {
    expect(
      await ruleIds(
        "lib/billing/fixture-layers.ts",
        'import { errorResponse } from "../http/route";\nexport const e = errorResponse;\n',
      ),
    ).toContain("import/no-restricted-paths");
    expect(
      await ruleIds(
        "lib/api/v1/fixture-layers.ts",
        'import type { ApiContext } from "@/lib/http/api-auth";\nexport type C = ApiContext;\n',
      ),
    ).toContain("import/no-restricted-paths");
    expect(
      await ruleIds(
        "lib/http/fixture-layers.ts",
        'import { errorResponse } from "./route";\nexport const e = errorResponse;\n',
      ),
    ).toEqual([]);
  });

  it("refuses a component importing a server module, and allows server actions and types", async () => {
    const server = 'import { getTenantContext } from "@/lib/http/tenant";\nexport const g = getTenantContext;\n';
    expect(await ruleIds("components/workspace/fixture-layers.tsx", server)).toContain("tessera/no-server-import");
    expect(await ruleIds("components/workspace/fixture-layers.tsx", server)).toContain("tessera/no-server-import");
    const typeOnly = 'import type { TenantContext } from "@/lib/http/tenant";\nexport type T = TenantContext;\n';
    expect(await ruleIds("components/workspace/fixture-layers.tsx", typeOnly)).toEqual([]);
    const action =
      'import { createApiKeyAction } from "@/app/t/[slug]/api-keys/actions";\nexport const a = createApiKeyAction;\n';
    expect(await ruleIds("components/workspace/fixture-layers.tsx", action)).toEqual([]);
  });

  it("refuses a Pages Router page reaching a server module: its reads come through the bridge", async () => {
    // Next refuses server-only modules in pages/ at build; lint says so first, with the chain.
    const direct =
      'import { getPublicHelpCenter } from "@/lib/knowledge/help-center";\nexport const g = getPublicHelpCenter;\n';
    expect(await ruleIds("pages/help/fixture-layers.tsx", direct)).toContain("tessera/no-server-import");
    const views =
      'import { helpCenterHome } from "@/lib/knowledge/help-center-views";\nexport const h = helpCenterHome;\n';
    expect(await ruleIds("pages/help/fixture-layers.tsx", views)).toContain("tessera/no-server-import");
    const bridge =
      'import { helpCenterHomeProps } from "@/lib/knowledge/help-center-bridge";\nexport const p = helpCenterHomeProps;\n';
    expect(await ruleIds("pages/help/fixture-layers.tsx", bridge)).toEqual([]);
  });

  it('requires import "server-only" in lib modules that import the database', async () => {
    const code = 'import { getDb } from "../db/client";\nexport const db = getDb;\n';
    expect(await ruleIds("lib/tenancy/fixture-layers.ts", code)).toContain("tessera/require-server-only");
    expect(await ruleIds("lib/tenancy/fixture-layers.ts", `import "server-only";\n\n${code}`)).toEqual([]);
  });
});

describe("package-level import cycles (npm run check:cycles prints them)", () => {
  const edges = importEdges(repo);

  it("has none, counting type-only imports too", () => {
    for (const includeTypeOnly of [false, true]) {
      const found = cycles(packageGraph(edges, { includeTypeOnly }));
      const label = includeTypeOnly ? "with type-only imports" : "runtime";
      console.log(
        `${label} package cycles: ${found.length === 0 ? "none" : found.map((c) => c.join(" ↔ ")).join("; ")}`,
      );
      expect(found, label).toEqual([]);
    }
  });

  it("would see a cycle a domain import of lib/http makes (the graph reads real imports)", () => {
    const extra = { from: "lib/tenancy/fixture.ts", to: "lib/http/route.ts", typeOnly: false };
    const found = cycles(packageGraph([...edges, extra], { includeTypeOnly: false }));
    expect(found.flat()).toEqual(expect.arrayContaining(["lib/http", "lib/tenancy"]));
  });

  it("keeps the root modules, the database layer and the seeds out of every cycle", () => {
    const members = cycles(packageGraph(edges, { includeTypeOnly: true })).flat();
    for (const pkg of ["lib/errors", "lib/text", "lib/env", "lib/db", "lib/db/seed", "lib/iso", "lib/cursor"]) {
      expect(members).not.toContain(pkg);
    }
  });

  it("finds a cycle when there is one (the detector itself)", () => {
    const graph = new Map([
      ["lib/a", new Set(["lib/b"])],
      ["lib/b", new Set(["lib/c"])],
      ["lib/c", new Set(["lib/a"])],
      ["lib/d", new Set(["lib/a"])],
    ]);
    expect(cycles(graph)).toEqual([["lib/a", "lib/b", "lib/c"]]);
  });
});
