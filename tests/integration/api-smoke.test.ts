import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createApiKey, revokeApiKey } from "@/lib/api-keys/keys";
import * as ping from "@/app/api/v1/ping/route";
import * as keys from "@/app/api/v1/api-keys/route";

import { call, tenantWithOwner } from "../helpers/api";
import { openTestDb, type TestDb } from "../helpers/db";

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => {
  await t.close();
});

describe("v1 smoke", () => {
  it("accepts a key, enforces scope, honours revocation at once", async () => {
    const ctx = await tenantWithOwner(t.db);
    const { key, secret } = await createApiKey(ctx, { name: "ci", scopes: ["tenant:read"] });
    const ok = await call(ping.GET, "GET", "/api/v1/ping", { key: secret });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ ok: true, service: "tessera" });
    expect(ok.headers.get("x-ratelimit-limit")).toBe("20");
    expect(ok.headers.get("x-ratelimit-remaining")).toBe("19");
    const denied = await call(keys.GET, "GET", "/api/v1/api-keys", { key: secret });
    expect(denied.status).toBe(403);
    await revokeApiKey(ctx, key.id);
    const revoked = await call(ping.GET, "GET", "/api/v1/ping", { key: secret });
    expect(revoked.status).toBe(401);
  });
});
