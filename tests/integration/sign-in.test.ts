// Email + password sign-in: right and wrong passwords, and the per-email throttle.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { authenticateWithPassword, EMAIL_ATTEMPTS } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";

import { openTestDb, uniq, type TestDb } from "../helpers/db";

const PASSWORD = "the right password";
let t: TestDb;
let hash: string;

async function newUser(): Promise<string> {
  const email = `${uniq("signin")}@example.test`;
  await t.db.user.create({ data: { email, passwordHash: hash } });
  return email;
}

beforeAll(async () => {
  t = await openTestDb();
  hash = await hashPassword(PASSWORD);
});

afterAll(async () => {
  await t.close();
});

describe("authenticateWithPassword", () => {
  it("accepts the right password, whatever the email's case and spaces", async () => {
    const email = await newUser();
    const result = await authenticateWithPassword(`  ${email.toUpperCase()} `, PASSWORD, uniq("ip"));
    expect(result).toMatchObject({ ok: true, user: { email } });
  });

  it("answers the same for a wrong password and an unknown email", async () => {
    const email = await newUser();
    expect(await authenticateWithPassword(email, "wrong", uniq("ip"))).toEqual({
      ok: false,
      reason: "invalid_credentials",
    });
    expect(await authenticateWithPassword(`${uniq("nobody")}@example.test`, PASSWORD, uniq("ip"))).toEqual({
      ok: false,
      reason: "invalid_credentials",
    });
  });

  it(`throttles an email after ${EMAIL_ATTEMPTS} attempts, even with the right password, and not others`, async () => {
    const email = await newUser();
    const other = await newUser();
    for (let i = 0; i < EMAIL_ATTEMPTS; i += 1) {
      expect((await authenticateWithPassword(email, `wrong ${i}`, uniq("ip"))).ok).toBe(false);
    }
    const blocked = await authenticateWithPassword(email, PASSWORD, uniq("ip"));
    expect(blocked).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(blocked.ok === false && blocked.retryAfterSeconds).toBeGreaterThan(0);
    expect((await authenticateWithPassword(other, PASSWORD, uniq("ip"))).ok).toBe(true);
  });

  it("a successful sign-in clears the email's failed attempts", async () => {
    const email = await newUser();
    for (let i = 0; i < EMAIL_ATTEMPTS - 1; i += 1) await authenticateWithPassword(email, "wrong", uniq("ip"));
    expect((await authenticateWithPassword(email, PASSWORD, uniq("ip"))).ok).toBe(true);
    expect((await authenticateWithPassword(email, "wrong again", uniq("ip"))).ok).toBe(false);
    expect((await authenticateWithPassword(email, PASSWORD, uniq("ip"))).ok).toBe(true);
  });
});
