import { describe, expect, it } from "vitest";

import {
  OWASP_SCRYPT,
  TEST_SCRYPT,
  currentScryptParams,
  dummyPasswordHash,
  hashPassword,
  needsRehash,
  verifyPassword,
} from "./password";

// The suite hashes with TEST_SCRYPT (NODE_ENV=test); the app with OWASP_SCRYPT.
const FORMAT = new RegExp(
  `^scrypt\\$${TEST_SCRYPT.N}\\$${TEST_SCRYPT.r}\\$${TEST_SCRYPT.p}\\$([A-Za-z0-9_-]{22})\\$([A-Za-z0-9_-]{43})$`,
);

describe("password hashing", () => {
  it("stores scheme, parameters, salt and hash", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(stored).toMatch(FORMAT);
    expect(stored).not.toContain("correct horse");
  });

  it("verifies the right password and rejects others", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(await verifyPassword("correct horse battery staple", stored)).toBe(true);
    expect(await verifyPassword("correct horse battery stapl", stored)).toBe(false);
    expect(await verifyPassword("Correct horse battery staple", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("salts every hash differently", async () => {
    const [a, b] = await Promise.all([hashPassword("same-password-1"), hashPassword("same-password-1")]);
    expect(a).not.toBe(b);
    expect(FORMAT.exec(a)![1]).not.toBe(FORMAT.exec(b)![1]);
    expect(await verifyPassword("same-password-1", a)).toBe(true);
    expect(await verifyPassword("same-password-1", b)).toBe(true);
  });

  it("treats Unicode-equivalent spellings as the same password (NFKC)", async () => {
    const stored = await hashPassword("ﬁsh and chips"); // U+FB01 ligature
    expect(await verifyPassword("fish and chips", stored)).toBe(true);
  });

  it("reads the parameters from the stored hash", async () => {
    const stored = await hashPassword("parameters-in-hash");
    const tampered = stored.replace(`scrypt$${TEST_SCRYPT.N}$`, `scrypt$${TEST_SCRYPT.N * 2}$`);
    expect(await verifyPassword("parameters-in-hash", tampered)).toBe(false);
    const older = await hashPassword("parameters-in-hash", { N: 2 ** 15, r: 8, p: 1 });
    expect(older).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword("parameters-in-hash", older)).toBe(true);
  });

  it("rejects malformed or foreign hashes without throwing", async () => {
    for (const stored of [
      "",
      "plain-text",
      "bcrypt$2b$10$abc$def",
      "scrypt$32768$8$1$$",
      "scrypt$3$8$1$c2FsdA$aGFzaA", // N not a power of two
      `scrypt$${2 ** 24}$8$1$c2FsdA$aGFzaA`, // far more work than any hash we make: refused, not computed
      `scrypt$${2 ** 17}$8$16$c2FsdA$aGFzaA`,
      "scrypt$16384$0$1$c2FsdA$aGFzaA",
      "scrypt$16384$8$1$c2FsdA$aGFzaA$extra",
    ]) {
      expect(await verifyPassword("whatever", stored), stored).toBe(false);
    }
  });

  it("keeps one dummy hash for unknown users, matching no ordinary password", async () => {
    const [a, b] = await Promise.all([dummyPasswordHash(), dummyPasswordHash()]);
    expect(a).toBe(b);
    expect(a).toMatch(FORMAT);
    expect(await verifyPassword("tessera-admin-demo", a)).toBe(false);
  });
});

describe("password hashing parameters", () => {
  it("uses OWASP's scrypt parameters (N=2^17, r=8, p=1) outside the test suite", async () => {
    expect(OWASP_SCRYPT).toEqual({ N: 131072, r: 8, p: 1 });
    expect(currentScryptParams("production")).toEqual(OWASP_SCRYPT);
    expect(currentScryptParams("development")).toEqual(OWASP_SCRYPT);
    expect(currentScryptParams("test")).toEqual(TEST_SCRYPT);
    const stored = await hashPassword("an OWASP-strength hash", OWASP_SCRYPT);
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword("an OWASP-strength hash", stored)).toBe(true);
    expect(needsRehash(stored, OWASP_SCRYPT)).toBe(false);
  });

  it("asks for a re-hash of any hash made with other parameters", async () => {
    const legacy = await hashPassword("legacy", { N: 2 ** 15, r: 8, p: 1 }); // what main used to store
    expect(needsRehash(legacy, OWASP_SCRYPT)).toBe(true);
    expect(needsRehash(await hashPassword("stronger", { N: 2 ** 12, r: 16, p: 1 }), TEST_SCRYPT)).toBe(true);
    expect(needsRehash(await hashPassword("current"))).toBe(false);
    expect(needsRehash("not a hash")).toBe(true);
  });
});
