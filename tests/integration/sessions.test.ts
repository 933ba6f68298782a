// How sessions end (lib/auth/sessions.ts): through Auth.js's own routes, called in-process as a
// browser would, and through getCurrentUser(), the one check every page, route and action uses.
// A stolen cookie must not outlive a password change or "sign out of all sessions" — not even
// when its holder keeps refreshing it with POST /api/auth/session.
import { describe, expect, it, vi } from "vitest";

import { AuthClient, CookieJar, SESSION_COOKIE, cookieStore } from "../helpers/auth-client";

const SECRET = "sessions-test-secret-0123456789abcdefghij";
vi.mock("@/lib/env", async (importOriginal) =>
  (await import("../helpers/settings")).withSettings(importOriginal, null, { AUTH_SECRET: SECRET }),
);
// The request server code sees: this jar's cookies.
const browser = vi.hoisted(() => ({ jar: undefined as unknown as CookieJar }));
vi.mock("next/headers", () => ({
  // Next.js always sets x-forwarded-proto; Auth.js picks the (non-__Secure-) cookie name from it.
  headers: async () =>
    new Headers({ cookie: browser.jar.header(), host: "localhost:3000", "x-forwarded-proto": "http" }),
  cookies: async () => cookieStore(browser.jar),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { encode, decode } = await import("next-auth/jwt");
const { handlers } = await import("@/lib/auth");
const { changePassword, registerUser } = await import("@/lib/auth/accounts");
const { endAllSessions, SESSION_MAX_AGE_SECONDS } = await import("@/lib/auth/sessions");
const { getCurrentUser } = await import("@/lib/http/session");
const { signOutEverywhereAction } = await import("@/app/account/actions");
const { setupTestDb, uniq } = await import("../helpers/db");

setupTestDb();
const PASSWORD = "first password 123";
const NEXT_PASSWORD = "second password 456";

/** Who getCurrentUser() sees with this jar's cookies (a fresh call: React's cache() is per request). */
async function currentUserWith(jar: CookieJar) {
  browser.jar = jar;
  return getCurrentUser();
}

async function signedIn(password = PASSWORD) {
  const email = `${uniq("session")}@example.test`;
  const user = await registerUser({ name: "Sam Session", email, password });
  const client = new AuthClient(handlers);
  expect(await client.signIn(email, password)).toBe(true);
  expect((await currentUserWith(client.jar))?.id).toBe(user.id);
  return { user, client };
}

async function claimsOf(jar: CookieJar) {
  return decode({ token: jar.get(SESSION_COOKIE), secret: SECRET, salt: SESSION_COOKIE });
}

describe("sessions", () => {
  it("a password change ends a stolen session, and refreshing it does not bring it back", async () => {
    const { user, client } = await signedIn();
    const thief = new AuthClient(handlers, client.jar.clone());
    // The thief keeps the copy fresh before the change…
    expect((await thief.update()).status).toBe(200);
    expect((await currentUserWith(thief.jar))?.id).toBe(user.id);

    await changePassword(user, {
      currentPassword: PASSWORD,
      newPassword: NEXT_PASSWORD,
      confirmPassword: NEXT_PASSWORD,
    });
    expect(await currentUserWith(thief.jar)).toBeNull();

    // …and after it: a client-triggered session update with a valid CSRF token.
    const stolenCookie = thief.jar.get(SESSION_COOKIE);
    await thief.update({ authAt: Date.now(), sv: 999 });
    expect(await currentUserWith(thief.jar)).toBeNull();
    // Even replaying the cookie as it was before Auth.js cleared it.
    const replay = new CookieJar();
    replay.set(SESSION_COOKIE, stolenCookie!);
    await new AuthClient(handlers, replay).update();
    expect(await currentUserWith(replay)).toBeNull();
    expect(await new AuthClient(handlers, replay.clone()).session()).toBeNull();

    // The owner signs in again with the new password.
    const fresh = new AuthClient(handlers);
    expect(await fresh.signIn(user.email, PASSWORD)).toBe(false);
    expect(await fresh.signIn(user.email, NEXT_PASSWORD)).toBe(true);
    expect((await currentUserWith(fresh.jar))?.id).toBe(user.id);
  });

  it("a session update changes neither the sign-in time nor the session version", async () => {
    const { client } = await signedIn();
    const before = await claimsOf(client.jar);
    await client.update({ authAt: Date.now() + 60_000, sv: 41, uid: "someone-else" });
    const after = await claimsOf(client.jar);
    expect(after).toMatchObject({ uid: before!.uid, sv: before!.sv, authAt: before!.authAt });
  });

  it("“sign out of all sessions” ends every session of the user, the current one too", async () => {
    const { user, client } = await signedIn();
    const laptop = new AuthClient(handlers);
    expect(await laptop.signIn(user.email, PASSWORD)).toBe(true);
    const other = await signedIn();

    browser.jar = client.jar;
    const thrown = await signOutEverywhereAction({ status: "idle" }).then(
      () => null,
      (error: unknown) => error,
    );
    // The action ends with a redirect to the sign-in page, having cleared this browser's cookie.
    expect(String((thrown as { digest?: string })?.digest)).toContain("/sign-in?signedOut=all");
    expect(client.jar.get(SESSION_COOKIE)).toBeUndefined();

    expect(await currentUserWith(laptop.jar)).toBeNull();
    expect(await laptop.session()).toBeNull();
    // Someone else's session is untouched.
    expect((await currentUserWith(other.client.jar))?.id).toBe(other.user.id);
    // Signing in afterwards works.
    const again = new AuthClient(handlers);
    expect(await again.signIn(user.email, PASSWORD)).toBe(true);
    expect((await currentUserWith(again.jar))?.id).toBe(user.id);
  });

  it("endAllSessions makes every earlier token fail, whatever it claims", async () => {
    const { user, client } = await signedIn();
    const claims = (await claimsOf(client.jar))!;
    await endAllSessions(user.id);
    expect(await currentUserWith(client.jar)).toBeNull();
    // A forged token would need the secret; one minted with the right secret but an old version fails.
    const jar = new CookieJar();
    jar.set(SESSION_COOKIE, await encode({ token: { ...claims }, secret: SECRET, salt: SESSION_COOKIE }));
    expect(await currentUserWith(jar)).toBeNull();
    jar.set(
      SESSION_COOKIE,
      await encode({ token: { ...claims, sv: (claims.sv as number) + 1 }, secret: SECRET, salt: SESSION_COOKIE }),
    );
    expect((await currentUserWith(jar))?.id).toBe(user.id);
  });

  it("refuses tokens without a session version and tokens past the absolute lifetime", async () => {
    const { client } = await signedIn();
    const claims = (await claimsOf(client.jar))!;
    const mint = async (token: Record<string, unknown>) => {
      const jar = new CookieJar();
      jar.set(SESSION_COOKIE, await encode({ token, secret: SECRET, salt: SESSION_COOKIE }));
      return currentUserWith(jar);
    };
    expect(await mint({ ...claims })).not.toBeNull();
    const { sv: _sv, ...legacy } = claims;
    expect(await mint(legacy)).toBeNull();
    expect(await mint({ ...claims, authAt: Date.now() - SESSION_MAX_AGE_SECONDS * 1000 - 1000 })).toBeNull();
    expect(await mint({ ...claims, authAt: Date.now() + 3_600_000 })).toBeNull();
    expect(await mint({ ...claims, uid: "no-such-user" })).toBeNull();
  });
});
