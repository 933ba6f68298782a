// Email + password sign-in: right and wrong passwords, the throttle (per address, per email +
// address pair with a backoff, a per-email ceiling that never locks the owner out), client
// addresses that X-Forwarded-For cannot forge, and re-hashing old password hashes.
import { randomInt } from "node:crypto";

import { describe, expect, it, vi } from "vitest";

vi.mock("@/lib/env", async (importOriginal) =>
  (await import("../helpers/settings")).withSettings(importOriginal, null, {
    AUTH_SECRET: "sign-in-test-secret-0123456789abcdefghij",
  }),
);

const { handlers } = await import("@/lib/auth");
const { authenticateWithPassword } = await import("@/lib/auth/credentials");
const { hashPassword, needsRehash, verifyPassword, currentScryptParams } = await import("@/lib/auth/password");
const { ADDRESS_ATTEMPTS, EMAIL_CEILING, PAIR_FREE_FAILURES, chargeSignInAttempt } =
  await import("@/lib/auth/throttle");
const { PEER_HEADER, peerHeaderValue } = await import("@/lib/net/peer");
const { AuthClient, SESSION_COOKIE } = await import("../helpers/auth-client");
const { setupTestDb, uniq } = await import("../helpers/db");

const PASSWORD = "the right password";
const t = setupTestDb();

// Redis outlives a run: every run counts under addresses of its own.
const RUN = randomInt(0, 0x7fff);
let addressCounter = 0;
/** A fresh address per call, IPv4 (10/8) and IPv6 (2001:db8::/32) by turns. */
function address(): string {
  addressCounter += 1;
  const n = RUN * 512 + (addressCounter % 512);
  return addressCounter % 2 === 0
    ? `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`
    : `2001:db8:${RUN.toString(16)}:${addressCounter.toString(16)}::1`;
}

async function newUser(passwordHash?: string): Promise<string> {
  const email = `${uniq("signin")}@example.test`;
  await t.db.user.create({ data: { email, passwordHash: passwordHash ?? (await hashPassword(PASSWORD)) } });
  return email;
}

describe("authenticateWithPassword", () => {
  it("accepts the right password, whatever the email's case and spaces", async () => {
    const email = await newUser();
    const result = await authenticateWithPassword(`  ${email.toUpperCase()} `, PASSWORD, address());
    expect(result).toMatchObject({ ok: true, user: { email } });
  });

  it("answers the same for a wrong password and an unknown email", async () => {
    const email = await newUser();
    expect(await authenticateWithPassword(email, "wrong", address())).toEqual({
      ok: false,
      reason: "invalid_credentials",
    });
    expect(await authenticateWithPassword(`${uniq("nobody")}@example.test`, PASSWORD, address())).toEqual({
      ok: false,
      reason: "invalid_credentials",
    });
  });
});

describe("sign-in throttling", () => {
  it(`slows one address after ${PAIR_FREE_FAILURES} failures for an email, and only that address`, async () => {
    const email = await newUser();
    const attacker = address();
    for (let i = 0; i < PAIR_FREE_FAILURES; i += 1) {
      expect(await authenticateWithPassword(email, `wrong ${i}`, attacker)).toMatchObject({
        reason: "invalid_credentials",
      });
    }
    const slowed = await authenticateWithPassword(email, PASSWORD, attacker);
    expect(slowed).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(slowed.ok === false && slowed.retryAfterSeconds).toBeGreaterThan(0);
    // The owner, anywhere else, is not affected.
    expect((await authenticateWithPassword(email, PASSWORD, address())).ok).toBe(true);
  });

  it("cannot be used to lock the owner out: many addresses guessing one email leave the owner's first try alone", async () => {
    const email = await newUser();
    for (let i = 0; i < EMAIL_CEILING + 5; i += 1) {
      expect((await authenticateWithPassword(email, `guess ${i}`, address())).ok).toBe(false);
    }
    expect((await authenticateWithPassword(email, PASSWORD, address())).ok).toBe(true);
    // Past the ceiling an address backs off from its first failure (seconds, not a lockout).
    const guesser = address();
    expect(await authenticateWithPassword(email, "one more", guesser)).toMatchObject({ reason: "invalid_credentials" });
    const again = await authenticateWithPassword(email, "and another", guesser);
    expect(again).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(again.ok === false && again.retryAfterSeconds).toBeLessThanOrEqual(5);
  });

  it("backs off exponentially per pair, and a success starts the pair afresh", async () => {
    const email = await newUser();
    const from = address();
    let now = Date.now();
    for (let i = 0; i < PAIR_FREE_FAILURES; i += 1)
      expect((await chargeSignInAttempt(email, from, now)).allowed).toBe(true);
    for (const seconds of [1, 2, 4, 8, 16]) {
      expect(await chargeSignInAttempt(email, from, now + 10)).toEqual({ allowed: false, retryAfterSeconds: seconds });
      expect((await chargeSignInAttempt(email, from, now + seconds * 1000 - 1)).allowed).toBe(false);
      now += seconds * 1000;
      expect((await chargeSignInAttempt(email, from, now)).allowed).toBe(true);
    }
    expect(await authenticateWithPassword(email, PASSWORD, from)).toMatchObject({ reason: "rate_limited" });
    // The owner signs in from there once the wait is over; the pair then starts afresh.
    await chargeSignInAttempt(email, address(), now); // (another pair: no effect on this one)
    const later = now + 32_000; // 10 failures: 2^(10 - 5) s after the last one
    vi.setSystemTime(later);
    try {
      expect((await authenticateWithPassword(email, PASSWORD, from)).ok).toBe(true);
      for (let i = 0; i < PAIR_FREE_FAILURES; i += 1) {
        expect((await chargeSignInAttempt(email, from, later + 1)).allowed).toBe(true);
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it("lets parallel guesses through no faster than sequential ones", async () => {
    const email = await newUser();
    const from = address();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => authenticateWithPassword(email, `parallel ${i}`, from)),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid_credentials")).toHaveLength(PAIR_FREE_FAILURES);
    expect(results.filter((r) => !r.ok && r.reason === "rate_limited")).toHaveLength(20 - PAIR_FREE_FAILURES);
  });

  it(`limits one address to ${ADDRESS_ATTEMPTS} attempts in the window, whatever the email`, async () => {
    const from = address();
    const now = Date.now();
    for (let i = 0; i < ADDRESS_ATTEMPTS; i += 1) {
      expect((await chargeSignInAttempt(`${uniq("spray")}@example.test`, from, now)).allowed).toBe(true);
    }
    expect((await chargeSignInAttempt(`${uniq("spray")}@example.test`, from, now)).allowed).toBe(false);
    expect((await chargeSignInAttempt(`${uniq("spray")}@example.test`, address(), now)).allowed).toBe(true);
  });
});

describe("the credentials route", () => {
  /** One sign-in POST as a browser would send it; the error code Auth.js redirects with, or "ok". */
  async function attempt(headers: Record<string, string>, email: string, password: string): Promise<string> {
    const client = new AuthClient(handlers, undefined, headers);
    const csrfToken = await client.csrfToken();
    const response = await client.request(
      "POST",
      "callback/credentials",
      new URLSearchParams({ csrfToken, email, password, callbackUrl: "http://localhost:3000/dashboard" }),
    );
    if (client.jar.get(SESSION_COOKIE)) return "ok";
    return new URL(response.headers.get("location") ?? "http://x/?code=none").searchParams.get("code") ?? "none";
  }

  it("ignores a client-chosen X-Forwarded-For: rotating it does not escape the backoff", async () => {
    const email = await newUser();
    const peer = address();
    const codes: string[] = [];
    for (let i = 0; i <= PAIR_FREE_FAILURES; i += 1) {
      codes.push(
        await attempt({ [PEER_HEADER]: peerHeaderValue(peer), "x-forwarded-for": address() }, email, `wrong ${i}`),
      );
    }
    expect(codes).toEqual([...Array<string>(PAIR_FREE_FAILURES).fill("invalid_credentials"), "rate_limited"]);
    // A spoofed X-Real-IP does not help either; another peer (the owner) signs in.
    expect(await attempt({ [PEER_HEADER]: peerHeaderValue(peer), "x-real-ip": address() }, email, PASSWORD)).toBe(
      "rate_limited",
    );
    expect(await attempt({ [PEER_HEADER]: peerHeaderValue(address()), "x-forwarded-for": peer }, email, PASSWORD)).toBe(
      "ok",
    );
  });
});

describe("password hashes", () => {
  it("re-hashes an older hash with the current parameters at sign-in, keeping the password", async () => {
    const legacy = await hashPassword(PASSWORD, { N: 2 ** 10, r: 8, p: 1 });
    expect(needsRehash(legacy)).toBe(true);
    const email = await newUser(legacy);
    const before = await t.db.user.findUniqueOrThrow({ where: { email } });

    expect((await authenticateWithPassword(email, "not it", address())).ok).toBe(false);
    expect((await t.db.user.findUniqueOrThrow({ where: { email } })).passwordHash).toBe(legacy);

    expect((await authenticateWithPassword(email, PASSWORD, address())).ok).toBe(true);
    const after = await t.db.user.findUniqueOrThrow({ where: { email } });
    const { N, r, p } = currentScryptParams();
    expect(after.passwordHash).toMatch(new RegExp(`^scrypt\\$${N}\\$${r}\\$${p}\\$`));
    expect(needsRehash(after.passwordHash!)).toBe(false);
    expect(await verifyPassword(PASSWORD, after.passwordHash!)).toBe(true);
    // Same password, so the user's sessions go on.
    expect(after.sessionVersion).toBe(before.sessionVersion);
    expect((await authenticateWithPassword(email, PASSWORD, address())).ok).toBe(true);
  });
});
