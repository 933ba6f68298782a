import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { AppError } from "@/lib/errors";

import { openTestDb, uniq, type TestDb } from "../../tests/helpers/db";
import {
  CHANGE_PASSWORD_ATTEMPTS,
  EMAIL_TAKEN_MESSAGE,
  WRONG_PASSWORD_MESSAGE,
  changePassword,
  getAccountProfile,
  registerUser,
} from "./accounts";
import { authenticateWithPassword } from "./credentials";
import { verifyPassword } from "./password";

let t: TestDb;

beforeAll(async () => {
  t = await openTestDb();
});

afterAll(async () => {
  await t.close();
});

const email = () => `${uniq("acct")}@example.test`;
const PASSWORD = "correct horse battery";

/** The AppError a promise rejects with (fails the test if it resolves or throws something else). */
async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("registerUser", () => {
  it("creates a user with a normalised email and a hashed password", async () => {
    const address = email();
    const user = await registerUser({
      name: "  Ada Lovelace ",
      email: ` ${address.toUpperCase()} `,
      password: PASSWORD,
    });
    expect(user).toEqual({ id: expect.any(String), email: address, name: "Ada Lovelace" });

    const row = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^scrypt\$/);
    expect(row.passwordHash).not.toContain(PASSWORD);
    expect(row.isPlatformAdmin).toBe(false);
    expect(await verifyPassword(PASSWORD, row.passwordHash!)).toBe(true);
  });

  it("lets the new user sign in with the password", async () => {
    const address = email();
    await registerUser({ name: "Grace", email: address, password: PASSWORD });
    const result = await authenticateWithPassword(address, PASSWORD, uniq("ip"));
    expect(result.ok).toBe(true);
  });

  it("refuses a taken email (any case) with a field error on email", async () => {
    const address = email();
    await registerUser({ name: "First", email: address, password: PASSWORD });
    const error = await appError(registerUser({ name: "Second", email: address.toUpperCase(), password: PASSWORD }));
    expect(error.code).toBe("conflict");
    expect(error.details).toEqual({ email: [EMAIL_TAKEN_MESSAGE] });
    expect(await t.db.user.count({ where: { email: address } })).toBe(1);
  });

  it("refuses an email taken by an account without a password (OAuth)", async () => {
    const address = email();
    await t.db.user.create({ data: { email: address, name: "OAuth" } });
    const error = await appError(registerUser({ name: "Again", email: address, password: PASSWORD }));
    expect(error.code).toBe("conflict");
    const row = await t.db.user.findUniqueOrThrow({ where: { email: address } });
    expect(row.passwordHash).toBeNull();
  });

  it("answers a race for one email with a single user and a conflict", async () => {
    const address = email();
    const results = await Promise.allSettled([
      registerUser({ name: "A", email: address, password: PASSWORD }),
      registerUser({ name: "B", email: address, password: PASSWORD }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((rejected.reason as AppError).code).toBe("conflict");
    expect(await t.db.user.count({ where: { email: address } })).toBe(1);
  });

  it("returns field errors for bad input and writes nothing", async () => {
    const address = email();
    const error = await appError(registerUser({ name: "", email: "not-an-email", password: "short" }));
    expect(error.code).toBe("validation_failed");
    expect(Object.keys(error.details ?? {}).sort()).toEqual(["email", "name", "password"]);
    expect(await t.db.user.count({ where: { email: address } })).toBe(0);
  });
});

describe("changePassword", () => {
  async function newUser() {
    return registerUser({ name: "Changer", email: email(), password: PASSWORD });
  }

  it("replaces the password after verifying the current one", async () => {
    const user = await newUser();
    const next = "a much better passphrase";
    const before = Date.now();
    await changePassword(user, { currentPassword: PASSWORD, newPassword: next, confirmPassword: next });
    const row = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    // Sessions issued before this instant are refused from now on (lib/http/session.ts).
    expect(row.passwordChangedAt!.getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(await verifyPassword(next, row.passwordHash!)).toBe(true);
    expect(await verifyPassword(PASSWORD, row.passwordHash!)).toBe(false);
    expect((await authenticateWithPassword(user.email, next, uniq("ip"))).ok).toBe(true);
    expect((await authenticateWithPassword(user.email, PASSWORD, uniq("ip"))).ok).toBe(false);
  });

  it("refuses a wrong current password with a field error and keeps the old one", async () => {
    const user = await newUser();
    const before = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    const error = await appError(
      changePassword(user, {
        currentPassword: "wrong password!",
        newPassword: "another passphrase",
        confirmPassword: "another passphrase",
      }),
    );
    expect(error.code).toBe("validation_failed");
    expect(error.details).toEqual({ currentPassword: [WRONG_PASSWORD_MESSAGE] });
    const after = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.passwordHash).toBe(before.passwordHash);
  });

  it("validates the new password and its confirmation", async () => {
    const user = await newUser();
    const short = await appError(
      changePassword(user, { currentPassword: PASSWORD, newPassword: "short", confirmPassword: "short" }),
    );
    expect(short.details).toHaveProperty("newPassword");
    const mismatch = await appError(
      changePassword(user, {
        currentPassword: PASSWORD,
        newPassword: "long enough one",
        confirmPassword: "long enough two",
      }),
    );
    expect(mismatch.details).toEqual({ confirmPassword: ["Passwords do not match."] });
    const same = await appError(
      changePassword(user, { currentPassword: PASSWORD, newPassword: PASSWORD, confirmPassword: PASSWORD }),
    );
    expect(same.details).toHaveProperty("newPassword");
  });

  it("refuses an account without a password (OAuth only)", async () => {
    const user = await t.db.user.create({ data: { email: email(), name: "OAuth" } });
    const error = await appError(
      changePassword(user, {
        currentPassword: "anything at all",
        newPassword: "a new passphrase",
        confirmPassword: "a new passphrase",
      }),
    );
    expect(error.details).toEqual({ currentPassword: [WRONG_PASSWORD_MESSAGE] });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBeNull();
  });

  it("throttles repeated wrong guesses, even when the next guess is right", async () => {
    const user = await newUser();
    const wrong = {
      currentPassword: "wrong password!",
      newPassword: "another passphrase",
      confirmPassword: "another passphrase",
    };
    for (let i = 0; i < CHANGE_PASSWORD_ATTEMPTS; i += 1) {
      expect((await appError(changePassword(user, wrong))).code).toBe("validation_failed");
    }
    const blocked = await appError(changePassword(user, { ...wrong, currentPassword: PASSWORD }));
    expect(blocked.code).toBe("rate_limited");
  });
});

describe("getAccountProfile", () => {
  it("reports whether the account has a password, never the hash", async () => {
    const withPassword = await registerUser({ name: "Has", email: email(), password: PASSWORD });
    const oauth = await t.db.user.create({ data: { email: email(), name: "OAuth" } });
    const a = await getAccountProfile(withPassword.id);
    const b = await getAccountProfile(oauth.id);
    expect(a).toMatchObject({ id: withPassword.id, email: withPassword.email, hasPassword: true });
    expect(a).not.toHaveProperty("passwordHash");
    expect(b).toMatchObject({ hasPassword: false });
    expect(await getAccountProfile("missing")).toBeNull();
  });
});
