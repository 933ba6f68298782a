// Abuse limits (lib/http/abuse-limits.ts) at their call sites: sign-up, workspace creation,
// invitations and API keys, through the server actions (a form error) and the v1 routes
// (429 with Retry-After and the JSON error body). Counted per user and per client address.
import { randomInt } from "node:crypto";

import { describe, expect, it, vi } from "vitest";

import type { SessionUser } from "@/lib/tenancy/context";

const current = vi.hoisted(() => ({ user: null as SessionUser | null, address: "203.0.113.1" }));
vi.mock("@/lib/http/session", () => ({ getCurrentUser: async () => current.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/headers", () => ({
  headers: async () => {
    const { PEER_HEADER, peerHeaderValue } = await import("@/lib/net/peer");
    return new Headers({ host: "localhost:3000", [PEER_HEADER]: peerHeaderValue(current.address) });
  },
}));

const { signUpAction } = await import("@/app/(auth)/actions");
const { createWorkspaceAction } = await import("@/app/new/actions");
const { inviteMemberAction } = await import("@/app/t/[slug]/members/actions");
const { createApiKeyAction } = await import("@/app/t/[slug]/api-keys/actions");
const invitationsRoute = await import("@/app/api/v1/invitations/route");
const keysRoute = await import("@/app/api/v1/api-keys/route");
const { createApiKey } = await import("@/lib/api-keys/keys");
const { ABUSE_LIMITS, withAbuseLimit } = await import("@/lib/http/abuse-limits");
const { call, tenantWithOwner } = await import("../helpers/api");
const { setupTestDb, uniq } = await import("../helpers/db");

const t = setupTestDb();
const IDLE = { status: "idle" } as const;

// Redis outlives a run: every run counts under addresses of its own.
const RUN = randomInt(0, 0xffff);
let counter = 0;
function freshAddress(): string {
  counter += 1;
  return `2001:db8:${RUN.toString(16)}:${counter.toString(16)}::1`;
}

/** Uses up a user's allowance the way real creations would count. */
async function useUp(kind: keyof typeof ABUSE_LIMITS, userId: string, times: number) {
  for (let i = 0; i < times; i += 1) await withAbuseLimit(kind, { userId }, async () => null);
}

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
}

describe("sign-up", () => {
  it(`allows ${ABUSE_LIMITS.sign_up.perAddress} sign-up attempts per address an hour, failed ones included`, async () => {
    current.address = freshAddress();
    for (let i = 0; i < ABUSE_LIMITS.sign_up.perAddress; i += 1) {
      const state = await signUpAction(IDLE, form({ name: "Probe", email: `not-an-email-${i}`, password: "x" }));
      expect(state).toMatchObject({ status: "error", code: "validation_failed" });
    }
    const email = `${uniq("limited")}@example.test`;
    const refused = await signUpAction(IDLE, form({ name: "Real", email, password: "a long enough password" }));
    expect(refused).toMatchObject({ status: "error", code: "rate_limited", values: { email } });
    expect(refused.status === "error" && refused.message).toMatch(/Too many sign-ups from your network.*Try again in/);
    expect(await t.db.user.count({ where: { email } })).toBe(0);
  });
});

describe("workspace creation", () => {
  it("counts workspaces created per user, not failed attempts", async () => {
    const { user } = await tenantWithOwner(t.db);
    current.user = user;
    current.address = freshAddress();
    const taken = (await tenantWithOwner(t.db)).tenant.slug;
    for (let i = 0; i < 3; i += 1) {
      const state = await createWorkspaceAction(IDLE, form({ name: "Taken", slug: taken, trialTier: "" }));
      expect(state).toMatchObject({ status: "error", code: "conflict" });
    }
    for (let i = 0; i < ABUSE_LIMITS.workspace_create.perUser; i += 1) {
      const slug = uniq("ws").toLowerCase().slice(0, 40);
      // Success ends in a redirect to the new workspace.
      await expect(createWorkspaceAction(IDLE, form({ name: `Mine ${i}`, slug, trialTier: "" }))).rejects.toThrow(
        /NEXT_REDIRECT/,
      );
    }
    const slug = uniq("ws").toLowerCase().slice(0, 40);
    const refused = await createWorkspaceAction(IDLE, form({ name: "One too many", slug, trialTier: "" }));
    expect(refused).toMatchObject({ status: "error", code: "rate_limited" });
    expect(refused.status === "error" && refused.message).toMatch(/several workspaces/);
    expect(await t.db.tenant.count({ where: { slug } })).toBe(0);
  });
});

describe("invitations", () => {
  it("answers the invite form with an error past the per-user limit", async () => {
    const ctx = await tenantWithOwner(t.db, "ENTERPRISE");
    current.user = ctx.user;
    current.address = freshAddress();
    await useUp("invitation", ctx.user.id, ABUSE_LIMITS.invitation.perUser);
    const email = `${uniq("invitee")}@example.test`;
    const state = await inviteMemberAction(ctx.tenant.slug, IDLE, form({ email, role: "MEMBER" }));
    expect(state).toMatchObject({ status: "error", code: "rate_limited" });
    expect(await t.db.invitation.count({ where: { tenantId: ctx.tenant.id } })).toBe(0);
  });

  it("limits invitations per client address across users", async () => {
    current.address = freshAddress();
    for (let i = 0; i < ABUSE_LIMITS.invitation.perAddress; i += 1) {
      await withAbuseLimit("invitation", { address: current.address }, async () => null);
    }
    const ctx = await tenantWithOwner(t.db, "ENTERPRISE");
    current.user = ctx.user;
    const state = await inviteMemberAction(
      ctx.tenant.slug,
      IDLE,
      form({ email: `${uniq("i")}@example.test`, role: "MEMBER" }),
    );
    expect(state).toMatchObject({ status: "error", code: "rate_limited" });
    current.address = freshAddress();
    const elsewhere = await inviteMemberAction(
      ctx.tenant.slug,
      IDLE,
      form({ email: `${uniq("i")}@example.test`, role: "MEMBER" }),
    );
    expect(elsewhere).toMatchObject({ status: "success" });
  });

  it("answers POST /api/v1/invitations with 429 and Retry-After past the limit", async () => {
    const ctx = await tenantWithOwner(t.db, "ENTERPRISE");
    const { key, secret } = await createApiKey(ctx, { name: "inviter", scopes: ["members:write"] });
    await useUp("invitation", `key:${key.id}`, ABUSE_LIMITS.invitation.perUser - 1);
    const body = { email: `${uniq("api")}@example.test`, role: "member" };
    expect((await call(invitationsRoute.POST, "POST", "/api/v1/invitations", { key: secret, body })).status).toBe(201);
    const refused = await call(invitationsRoute.POST, "POST", "/api/v1/invitations", {
      key: secret,
      body: { ...body, email: `${uniq("api")}@example.test` },
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.json.error).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/invitations/) });
    expect(await t.db.invitation.count({ where: { tenantId: ctx.tenant.id } })).toBe(1);
  });
});

describe("API keys", () => {
  it("limits key creation per user in the app and per key over the API", async () => {
    const ctx = await tenantWithOwner(t.db);
    current.user = ctx.user;
    current.address = freshAddress();
    await useUp("api_key_create", ctx.user.id, ABUSE_LIMITS.api_key_create.perUser);
    const state = await createApiKeyAction(ctx.tenant.slug, IDLE, form({ name: "one more", scopes: "tenant:read" }));
    expect(state).toMatchObject({ status: "error", code: "rate_limited" });

    const { key, secret } = await createApiKey(ctx, { name: "minter", scopes: ["tenant:read", "api_keys:write"] });
    await useUp("api_key_create", `key:${key.id}`, ABUSE_LIMITS.api_key_create.perUser);
    const refused = await call(keysRoute.POST, "POST", "/api/v1/api-keys", {
      key: secret,
      body: { name: "child", scopes: ["tenant:read"] },
    });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await t.db.apiKey.count({ where: { tenantId: ctx.tenant.id } })).toBe(1);
  });
});
