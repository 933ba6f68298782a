// Table-driven over every declared v1 route (lib/api/v1/index.ts): no key → 401; a key holding
// every scope but the required one → 403 naming it; a key holding only that scope gets past
// authorisation; platform routes refuse tenant keys and tenant routes refuse platform keys.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { ApiRouteDef } from "@/lib/api/define";
import { V1_ROUTES } from "@/lib/api/v1";
import { createApiKey, createPlatformKey } from "@/lib/api-keys/keys";
import { PLATFORM_SCOPE_LIST, TENANT_SCOPE_LIST } from "@/lib/api-keys/scopes";
import type { TenantContext } from "@/lib/tenancy/context";

import { call, tenantWithOwner } from "../helpers/api";
import { openTestDb, type TestDb } from "../helpers/db";

type Handler = Parameters<typeof call>[0];
const modules = import.meta.glob<Record<string, Handler>>("/app/api/v1/**/route.ts");

async function handlerOf(def: ApiRouteDef): Promise<Handler> {
  const file = `/app/api/v1${def.path.slice("/api/v1".length).replace(/\{(\w+)\}/g, "[$1]")}/route.ts`;
  const load = modules[file];
  if (!load) throw new Error(`no route file ${file} for ${def.method} ${def.path}`);
  const handler = (await load())[def.method];
  if (!handler) throw new Error(`${file} does not export ${def.method}`);
  return handler;
}

/** Placeholder params (unknown ids answer 404, which is past authorisation). */
function paramsOf(def: ApiRouteDef): Record<string, string> {
  return Object.fromEntries([...def.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name, "does-not-exist"]));
}

async function send(def: ApiRouteDef, key?: string) {
  const handler = await handlerOf(def);
  const body = def.method === "GET" || def.method === "DELETE" ? undefined : {};
  return call(handler, def.method, def.path, { key, params: paramsOf(def), body });
}

let t: TestDb;
let owner: TenantContext;
const operator = { id: "operator", email: "ops@example.test" };

beforeAll(async () => {
  t = await openTestDb();
  owner = await tenantWithOwner(t.db, "ENTERPRISE");
});
afterAll(async () => {
  await t.close();
});

const tenantKey = async (scopes: string[]) => (await createApiKey(owner, { name: "scope test", scopes })).secret;
const platformKey = async (scopes: string[]) =>
  (await createPlatformKey(operator, { name: "scope test", scopes })).secret;

describe.each(V1_ROUTES.map((def) => [`${def.method} ${def.path}`, def] as const))("%s", (_, def) => {
  it("answers 401 without a key", async () => {
    const res = await send(def);
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("unauthorized");
  });

  if (def.audience !== "platform") {
    const required = def.scope;
    it(`needs ${required ?? "any valid key"} on a workspace key`, async () => {
      if (required) {
        const denied = await send(def, await tenantKey(TENANT_SCOPE_LIST.filter((s) => s !== required)));
        expect(denied.status).toBe(403);
        expect(denied.json.error.details).toEqual({ required_scope: required });
      }
      const allowed = await send(def, await tenantKey(required ? [required] : ["tenant:read"]));
      expect([401, 403]).not.toContain(allowed.status);
      expect(allowed.status).toBeLessThan(500);
    });
  } else {
    it("refuses workspace keys, even with every scope", async () => {
      const res = await send(def, await tenantKey([...TENANT_SCOPE_LIST]));
      expect(res.status).toBe(403);
    });
  }

  if (def.audience === "tenant") {
    it("refuses platform keys", async () => {
      expect((await send(def, await platformKey([...PLATFORM_SCOPE_LIST]))).status).toBe(403);
    });
  } else {
    const required = def.scope;
    it(`needs ${required ?? "any valid key"} on a platform key`, async () => {
      if (required) {
        const other = PLATFORM_SCOPE_LIST.filter((s) => s !== required);
        const denied = await send(def, await platformKey(other));
        expect(denied.status).toBe(403);
      }
      const allowed = await send(def, await platformKey(required ? [required] : ["platform:read"]));
      expect([401, 403]).not.toContain(allowed.status);
      expect(allowed.status).toBeLessThan(500);
    });
  }
});
