// A layout is not a guard (docs/decisions.md): client navigations and RSC requests render a page
// without the layouts above it. So every operator page (and its generateMetadata) calls
// requireOperator() itself, every workspace page calls requireTenantPage() with at least the
// permission its section's layout declares, and every route handler of the console or a workspace
// goes through the boundary's wrapper. Read from the source, so a page is checked the day it is
// added; e2e/access-control.spec.ts probes the running app the way an attacker would.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { can, ROLES, type Permission } from "@/lib/tenancy/permissions";

const APP = path.join(process.cwd(), "app");

function files(dir: string, name: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full, name);
    return entry.name === name ? [full] : [];
  });
}

const source = (file: string) => readFileSync(file, "utf8");
const rel = (file: string) => path.relative(APP, file);

/** The permission the nearest section layout between `[slug]` and the page declares, if any. */
function sectionPermission(page: string): Permission | null {
  const workspace = path.join(APP, "t", "[slug]");
  for (let dir = path.dirname(page); dir.startsWith(workspace); dir = path.dirname(dir)) {
    try {
      const match = /permissionLayout\("([a-zA-Z]+:[a-zA-Z]+)"\)/.exec(source(path.join(dir, "layout.tsx")));
      if (match) return match[1] as Permission;
    } catch {
      // no layout in this folder
    }
  }
  return null;
}

/** Whether every role that holds `page` also holds `section` (the page is at least as strict). */
const atLeastAsStrict = (page: Permission, section: Permission) =>
  ROLES.every((role) => !can(role, page) || can(role, section));

describe("pages check their caller themselves", () => {
  const operatorPages = files(path.join(APP, "admin"), "page.tsx");
  const workspacePages = files(path.join(APP, "t", "[slug]"), "page.tsx");

  it("finds the console's and the workspace's pages", () => {
    expect(operatorPages.map(rel)).toEqual(
      expect.arrayContaining(["admin/page.tsx", "admin/billing/customers/page.tsx", "admin/tenants/[id]/page.tsx"]),
    );
    expect(workspacePages.map(rel)).toEqual(
      expect.arrayContaining(["t/[slug]/(overview)/page.tsx", "t/[slug]/billing/page.tsx"]),
    );
  });

  it.each(files(path.join(APP, "admin"), "page.tsx").map(rel))("%s calls requireOperator()", (page) => {
    const text = source(path.join(APP, page));
    const checks = text.match(/await requireOperator\(\)/g)?.length ?? 0;
    // The page, and generateMetadata when it reads data of its own.
    expect(checks).toBeGreaterThanOrEqual(/export async function generateMetadata/.test(text) ? 2 : 1);
  });

  it.each(files(path.join(APP, "t", "[slug]"), "page.tsx").map(rel))(
    "%s calls requireTenantPage with its section's permission",
    (page) => {
      const file = path.join(APP, page);
      const match = /await requireTenantPage\(slug(?:, "([a-zA-Z]+:[a-zA-Z]+)")?\)/.exec(source(file));
      expect(match, "requireTenantPage(slug, …) in the page").not.toBeNull();
      const section = sectionPermission(file);
      if (!section) return;
      const own = match![1] as Permission | undefined;
      expect(own, `the page must require at least ${section}`).toBeDefined();
      expect(atLeastAsStrict(own!, section), `${own} is at least as strict as ${section}`).toBe(true);
    },
  );
});

describe("route handlers go through the boundary", () => {
  const operatorRoutes = [
    ...files(path.join(APP, "admin"), "route.ts"),
    ...files(path.join(APP, "api", "admin"), "route.ts"),
  ];
  const tenantRoutes = [...files(path.join(APP, "t"), "route.ts"), ...files(path.join(APP, "api", "t"), "route.ts")];

  it("finds them", () => {
    expect(operatorRoutes.map(rel)).toEqual(
      expect.arrayContaining(["admin/billing/revenue.csv/route.ts", "api/admin/tenants/route.ts"]),
    );
    expect(tenantRoutes.map(rel)).toEqual(expect.arrayContaining(["t/[slug]/billing/invoices/[id]/pdf/route.ts"]));
  });

  it.each(operatorRoutes.map(rel))("%s is a withOperatorRoute", (route) => {
    const handlers = source(path.join(APP, route)).match(/export const (GET|POST|PUT|PATCH|DELETE) = (\w+)/g) ?? [];
    expect(handlers.length).toBeGreaterThan(0);
    for (const handler of handlers) expect(handler).toMatch(/= withOperatorRoute$/);
  });

  it.each(tenantRoutes.map(rel))("%s is a withTenantRoute", (route) => {
    const handlers = source(path.join(APP, route)).match(/export const (GET|POST|PUT|PATCH|DELETE) = (\w+)/g) ?? [];
    expect(handlers.length).toBeGreaterThan(0);
    for (const handler of handlers) expect(handler).toMatch(/= withTenantRoute$/);
  });
});
