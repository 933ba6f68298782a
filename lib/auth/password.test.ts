import { describe, expect, it } from "vitest";

import { dummyPasswordHash, hashPassword, verifyPassword } from "./password";

const FORMAT = /^scrypt\$32768\$8\$1\$([A-Za-z0-9_-]{22})\$([A-Za-z0-9_-]{43})$/;

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
    const tampered = stored.replace("scrypt$32768$", "scrypt$16384$");
    expect(await verifyPassword("parameters-in-hash", tampered)).toBe(false);
  });

  it("rejects malformed or foreign hashes without throwing", async () => {
    for (const stored of ["", "plain-text", "bcrypt$2b$10$abc$def", "scrypt$32768$8$1$$"]) {
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
