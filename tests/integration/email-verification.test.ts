// Who owns an email address (lib/auth/email-verification.ts): the signed, expiring, single-use
// link; what waits for it (owner of an operator- or API-created tenant, OAuth linking); and the
// account page's "send verification link".
import { describe, expect, it, vi } from "vitest";

import type { EmailMessage } from "@/lib/email/send";
import type { SessionUser } from "@/lib/tenancy/context";
import { at, group } from "../helpers/indexed";

const outbox = vi.hoisted(() => ({ messages: [] as EmailMessage[] }));
vi.mock("@/lib/email/send", () => ({
  sendEmail: async (message: EmailMessage) => {
    outbox.messages.push(message);
    return { delivered: true, transport: "smtp" };
  },
}));
const current = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/http/session", () => ({ getCurrentUser: async () => current.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "evil.example", "x-forwarded-host": "evil.example" }),
}));

const { registerUser } = await import("@/lib/auth/accounts");
const { confirmEmailVerification, issueEmailVerification, previewEmailVerification, VERIFICATION_TTL_HOURS } =
  await import("@/lib/auth/email-verification");
const { LinkNeedsVerifiedEmail, withLinkingPolicy } = await import("@/lib/auth/oauth-linking");
const { resendVerificationAction } = await import("@/app/account/actions");
const { confirmEmailAction } = await import("@/app/verify-email/[token]/actions");
const tenantsRoute = await import("@/app/api/v1/tenants/route");
const { createPlatformKey } = await import("@/lib/api-keys/keys");
const { env } = await import("@/lib/env");
const { adminCreateTenant } = await import("@/lib/lifecycle/tenants");
const { acceptInvitation } = await import("@/lib/tenancy/invitations");
const { ABUSE_LIMITS } = await import("@/lib/http/abuse-limits");
const { call } = await import("../helpers/api");
const { setupTestDb, uniq } = await import("../helpers/db");

const t = setupTestDb();
const PASSWORD = "a fine long password";
const IDLE = { status: "idle" } as const;
const operator = { id: "operator-for-tests", email: "ops@tessera.test" };

/** The token of the newest verification link sent to `email`. */
function lastLinkTo(email: string): string {
  const message = outbox.messages.findLast((m) => m.to === email && /Confirm your email/.test(m.subject));
  const match = message && /\/verify-email\/([A-Za-z0-9_.-]+)/.exec(message.text);
  if (!match) throw new Error(`no verification link sent to ${email}`);
  expect(message!.text).toContain(`${env.APP_URL}/verify-email/`);
  return group(match, 1);
}

async function signedUp() {
  const user = await registerUser({ name: "Vera Verify", email: `${uniq("verify")}@example.test`, password: PASSWORD });
  const session: SessionUser = { ...user, isPlatformAdmin: false };
  return { user: session, token: lastLinkTo(user.email) };
}

const verifiedAt = async (id: string) => (await t.db.user.findUniqueOrThrow({ where: { id } })).emailVerified;

describe("the verification link", () => {
  it("is sent at sign-up to APP_URL and verifies the address once, for its own account only", async () => {
    const { user, token } = await signedUp();
    const other = await signedUp();
    expect(await verifiedAt(user.id)).toBeNull();
    expect(await previewEmailVerification(token)).toMatchObject({
      status: "valid",
      email: user.email,
      userId: user.id,
    });

    // Someone else, signed in, cannot use it (e.g. the person an attacker's link was sent to).
    await expect(confirmEmailVerification(token, other.user)).rejects.toMatchObject({ code: "forbidden" });
    expect(await verifiedAt(user.id)).toBeNull();

    await confirmEmailVerification(token, user);
    expect(await verifiedAt(user.id)).toBeInstanceOf(Date);
    expect(await previewEmailVerification(token)).toEqual({ status: "verified" });
    await expect(confirmEmailVerification(token, user)).rejects.toMatchObject({ code: "conflict" });
  });

  it("cannot be forged, altered or used after it expires", async () => {
    const { user, token } = await signedUp();
    const [body = "", signature] = token.split(".");
    const payload = JSON.parse(Buffer.from(body, "base64url").toString()) as Record<string, unknown>;
    const victim = await signedUp();
    const forged = `${Buffer.from(JSON.stringify({ ...payload, u: victim.user.id, e: victim.user.email })).toString("base64url")}.${signature}`;
    expect(await previewEmailVerification(forged)).toEqual({ status: "invalid" });
    await expect(confirmEmailVerification(forged, victim.user)).rejects.toMatchObject({ code: "not_found" });
    for (const bad of ["", "x", `${body}.`, `${body}.${signature}x`, `${token}.extra`, "a".repeat(5000)]) {
      await expect(confirmEmailVerification(bad, user)).rejects.toBeInstanceOf(Error);
    }

    const later = new Date(Date.now() + VERIFICATION_TTL_HOURS * 3_600_000 + 1000);
    expect(await previewEmailVerification(token, later)).toEqual({ status: "expired" });
    await expect(confirmEmailVerification(token, user, later)).rejects.toMatchObject({ code: "bad_request" });
    expect(await verifiedAt(user.id)).toBeNull();
    expect(await verifiedAt(victim.user.id)).toBeNull();
  });

  it("is replaced by a newer link, and the page's action confirms only for the signed-in owner", async () => {
    const { user, token: first } = await signedUp();
    current.user = user;
    const resent = await resendVerificationAction(IDLE);
    expect(resent).toMatchObject({ status: "success", data: { emailed: true } });
    const second = lastLinkTo(user.email);
    expect(second).not.toBe(first);
    // Links point at APP_URL even though the request claimed another host.
    expect(outbox.messages.at(-1)!.text).not.toContain("evil.example");
    expect(await previewEmailVerification(first)).toEqual({ status: "used" });

    current.user = null;
    expect(await confirmEmailAction(second, IDLE)).toMatchObject({ status: "error", code: "unauthorized" });
    current.user = user;
    await expect(confirmEmailAction(second, IDLE)).rejects.toThrow(/NEXT_REDIRECT/);
    expect(await verifiedAt(user.id)).toBeInstanceOf(Date);
    // Nothing left to send.
    expect(await resendVerificationAction(IDLE)).toMatchObject({ status: "error", code: "conflict" });
  });

  it(`limits "send verification link" to ${ABUSE_LIMITS.verification_email.perUser} an hour`, async () => {
    const { user } = await signedUp();
    current.user = user;
    for (let i = 0; i < ABUSE_LIMITS.verification_email.perUser; i += 1) {
      expect(await resendVerificationAction(IDLE)).toMatchObject({ status: "success" });
    }
    expect(await resendVerificationAction(IDLE)).toMatchObject({ status: "error", code: "rate_limited" });
  });

  it("lets only one of two simultaneous confirmations through", async () => {
    const { user } = await signedUp();
    const issued = await issueEmailVerification(user);
    expect(issued.emailed).toBe(true);
    const token = lastLinkTo(user.email);
    const results = await Promise.allSettled([
      confirmEmailVerification(token, user),
      confirmEmailVerification(token, user),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });
});

describe("owners of operator- and API-created tenants", () => {
  it("an unverified account gets an owner invitation, not the tenant (operator console)", async () => {
    // Someone signed up with the customer's address before the customer did.
    const squatter = await signedUp();
    const { tenant, invitation } = await adminCreateTenant(
      operator,
      { name: "Customer Co", slug: uniq("cust").toLowerCase(), ownerEmail: squatter.user.email },
      { baseUrl: env.APP_URL },
    );
    expect(invitation).toMatchObject({ email: squatter.user.email, role: "OWNER" });
    expect(await t.db.membership.count({ where: { tenantId: tenant.id } })).toBe(0);
    const mailed = outbox.messages.findLast((m) => m.to === squatter.user.email && /invited/.test(m.subject));
    expect(mailed?.text).toContain(invitation!.link);

    // Once verified, the same address becomes owner at once.
    await confirmEmailVerification(squatter.token, squatter.user);
    const second = await adminCreateTenant(
      operator,
      { name: "Customer Two", slug: uniq("cust").toLowerCase(), ownerEmail: squatter.user.email.toUpperCase() },
      { baseUrl: env.APP_URL },
    );
    expect(second.invitation).toBeNull();
    expect(await t.db.membership.findMany({ where: { tenantId: second.tenant.id } })).toEqual([
      expect.objectContaining({ userId: squatter.user.id, role: "OWNER" }),
    ]);
  });

  it("POST /api/v1/tenants answers with an owner invitation for an unverified account", async () => {
    const { secret } = await createPlatformKey(operator, {
      name: "tenants",
      scopes: ["platform:write", "platform:read"],
    });
    const unverified = await signedUp();
    const res = await call(tenantsRoute.POST, "POST", "/api/v1/tenants", {
      key: secret,
      body: { name: "API Customer", slug: uniq("apic").toLowerCase().slice(0, 40), owner_email: unverified.user.email },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ member_count: 0, owner_email: null });
    expect(res.json.owner_invitation).toMatchObject({ email: unverified.user.email });
    // Whoever holds the mailbox accepts it (the invitation link is the proof), even unverified.
    const token = at((res.json.owner_invitation.link as string).split("/invite/"), 1, "invitation token");
    await acceptInvitation(token, unverified.user);
    expect(await t.db.membership.count({ where: { tenantId: res.json.id, userId: unverified.user.id } })).toBe(1);
  });
});

describe("linking OAuth accounts", () => {
  function fakeAdapter() {
    const linked: string[] = [];
    let created = 0;
    const adapter = withLinkingPolicy({
      createUser: async (user) => {
        created += 1;
        const row = await t.db.user.create({ data: { email: user.email, name: user.name ?? null } });
        return { ...row, emailVerified: row.emailVerified };
      },
      linkAccount: async (account) => {
        linked.push(`${account.provider}:${account.userId}`);
      },
    });
    return { adapter, linked, created: () => created };
  }
  const account = (userId: string) => ({
    userId,
    type: "oauth" as const,
    provider: "github",
    providerAccountId: uniq("gh"),
  });

  it("refuses to link a provider to an existing account whose address is unverified", async () => {
    const { user, token } = await signedUp();
    const { adapter, linked } = fakeAdapter();
    await expect(adapter.linkAccount!(account(user.id))).rejects.toBeInstanceOf(LinkNeedsVerifiedEmail);
    expect(linked).toEqual([]);
    await confirmEmailVerification(token, user);
    await adapter.linkAccount!(account(user.id));
    expect(linked).toEqual([`github:${user.id}`]);
  });

  it("links the provider of a user created by that same sign-in", async () => {
    const { adapter, linked, created } = fakeAdapter();
    const user = await adapter.createUser!({
      id: "ignored",
      email: `${uniq("oauth")}@example.test`,
      emailVerified: null,
      name: "New via GitHub",
    });
    await adapter.linkAccount!(account(user.id));
    expect(created()).toBe(1);
    expect(linked).toEqual([`github:${user.id}`]);
    // A second adapter (another request) treats the same user as existing and unverified.
    await expect(fakeAdapter().adapter.linkAccount!(account(user.id))).rejects.toBeInstanceOf(LinkNeedsVerifiedEmail);
  });
});
