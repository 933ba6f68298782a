import { describe, expect, it } from "vitest";

import { envSchema, parseEnv } from "./env";

const SECRET = "x".repeat(32);

describe("parseEnv", () => {
  it("gives the embedded defaults when nothing is set", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      NODE_ENV: "development",
      APP_URL: "http://localhost:3000",
      PGLITE_DATA_DIR: ".data/pglite",
      REDIS_KEY_PREFIX: "",
      TESSERA_SEED: "auto",
      EMAIL_FROM: "Tessera <no-reply@tessera.local>",
      LOG_LEVEL: "info",
      SKIP_ENV_VALIDATION: false,
    });
    for (const key of [
      "DATABASE_URL",
      "REDIS_URL",
      "UPSTASH_REDIS_REST_URL",
      "UPSTASH_REDIS_REST_TOKEN",
      "AUTH_SECRET",
      "TESSERA_ADMIN_EMAIL",
      "TESSERA_ADMIN_PASSWORD",
      "SMTP_URL",
    ] as const) {
      expect(env[key], key).toBeUndefined();
    }
  });

  it("treats empty and blank values as unset", () => {
    const env = parseEnv({ DATABASE_URL: "", REDIS_URL: "   ", AUTH_SECRET: "" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.AUTH_SECRET).toBeUndefined();
  });

  it("accepts configured services", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      DATABASE_URL: "postgresql://app:pw@db.internal:5432/tessera",
      REDIS_URL: "rediss://cache.internal:6380",
      SMTP_URL: "smtps://user:pw@mail.internal:465",
      AUTH_SECRET: SECRET,
      LOG_LEVEL: "debug",
    });
    expect(env.NODE_ENV).toBe("production");
    expect(env.DATABASE_URL).toBe("postgresql://app:pw@db.internal:5432/tessera");
    expect(env.REDIS_URL).toBe("rediss://cache.internal:6380");
    expect(env.SMTP_URL).toBe("smtps://user:pw@mail.internal:465");
    expect(env.LOG_LEVEL).toBe("debug");
    expect(parseEnv({ DATABASE_URL: "postgres://localhost/x" }).DATABASE_URL).toBe("postgres://localhost/x");
  });

  it("names the variable and what is wrong with a bad DATABASE_URL", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://root@localhost/tessera" })).toThrow(
      /Invalid environment settings:\n\s+DATABASE_URL: must be a URL starting with postgres:\/\/ or postgresql:\/\//,
    );
    expect(() => parseEnv({ DATABASE_URL: "mysql://root@localhost/tessera" })).toThrow(/See \.env\.example/);
  });

  it("lists every bad value at once, one per line", () => {
    let message = "";
    try {
      parseEnv({ REDIS_URL: "http://cache", AUTH_SECRET: "short", LOG_LEVEL: "loud" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^\s+REDIS_URL: must be a URL starting with redis:\/\/ or rediss:\/\/$/m);
    expect(message).toMatch(/^\s+AUTH_SECRET: must be at least 32 characters/m);
    expect(message).toMatch(/^\s+LOG_LEVEL: /m);
  });

  it("requires the Upstash URL and token together", () => {
    const url = "https://eu1-example.upstash.io";
    expect(() => parseEnv({ UPSTASH_REDIS_REST_URL: url })).toThrow(
      /UPSTASH_REDIS_REST_TOKEN: UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN go together/,
    );
    expect(() => parseEnv({ UPSTASH_REDIS_REST_TOKEN: "tok" })).toThrow(/go together/);
    const env = parseEnv({ UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: "tok" });
    expect(env.UPSTASH_REDIS_REST_URL).toBe(url);
    expect(env.UPSTASH_REDIS_REST_TOKEN).toBe("tok");
    expect(() => parseEnv({ UPSTASH_REDIS_REST_URL: "redis://x", UPSTASH_REDIS_REST_TOKEN: "tok" })).toThrow(
      /UPSTASH_REDIS_REST_URL: must be a URL starting with http:\/\/ or https:\/\//,
    );
  });

  it("requires the operator's email and password together, and valid", () => {
    expect(() => parseEnv({ TESSERA_ADMIN_EMAIL: "ops@example.com" })).toThrow(
      /TESSERA_ADMIN_PASSWORD: TESSERA_ADMIN_EMAIL and TESSERA_ADMIN_PASSWORD go together/,
    );
    expect(() => parseEnv({ TESSERA_ADMIN_PASSWORD: "a-long-enough-password" })).toThrow(/go together/);
    expect(() => parseEnv({ TESSERA_ADMIN_EMAIL: "ops@example.com", TESSERA_ADMIN_PASSWORD: "short" })).toThrow(
      /TESSERA_ADMIN_PASSWORD: must be at least 12 characters/,
    );
    expect(() =>
      parseEnv({ TESSERA_ADMIN_EMAIL: "not-an-email", TESSERA_ADMIN_PASSWORD: "a-long-enough-password" }),
    ).toThrow(/TESSERA_ADMIN_EMAIL: /);
    const env = parseEnv({ TESSERA_ADMIN_EMAIL: "ops@example.com", TESSERA_ADMIN_PASSWORD: "a-long-enough-password" });
    expect(env.TESSERA_ADMIN_EMAIL).toBe("ops@example.com");
    expect(env.TESSERA_ADMIN_PASSWORD).toBe("a-long-enough-password");
  });

  it("rejects values outside an enum", () => {
    expect(() => parseEnv({ NODE_ENV: "staging" })).toThrow(/NODE_ENV: /);
    expect(() => parseEnv({ TESSERA_SEED: "always" })).toThrow(/TESSERA_SEED: /);
    expect(parseEnv({ TESSERA_SEED: "never" }).TESSERA_SEED).toBe("never");
  });

  it("reads SKIP_ENV_VALIDATION as a boolean flag", () => {
    expect(parseEnv({ SKIP_ENV_VALIDATION: "1" }).SKIP_ENV_VALIDATION).toBe(true);
    expect(parseEnv({ SKIP_ENV_VALIDATION: "true" }).SKIP_ENV_VALIDATION).toBe(true);
    expect(parseEnv({ SKIP_ENV_VALIDATION: "false" }).SKIP_ENV_VALIDATION).toBe(false);
    expect(() => parseEnv({ SKIP_ENV_VALIDATION: "yes" })).toThrow(/SKIP_ENV_VALIDATION/);
  });

  it("falls back to defaults instead of throwing when SKIP_ENV_VALIDATION is set (builds)", () => {
    const env = parseEnv({ SKIP_ENV_VALIDATION: "1", DATABASE_URL: "mysql://nope", NODE_ENV: "production" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.NODE_ENV).toBe("production");
    expect(parseEnv({ SKIP_ENV_VALIDATION: "true", DATABASE_URL: "mysql://nope" }).NODE_ENV).toBe("development");
  });

  it("reads DOMAIN_DNS_SERVERS as a list of addresses", () => {
    expect(parseEnv({}).DOMAIN_DNS_SERVERS).toBeUndefined();
    expect(parseEnv({ DOMAIN_DNS_SERVERS: " 1.1.1.1, 127.0.0.1:5353 ,[::1]:53" }).DOMAIN_DNS_SERVERS).toEqual([
      "1.1.1.1",
      "127.0.0.1:5353",
      "[::1]:53",
    ]);
    expect(() => parseEnv({ DOMAIN_DNS_SERVERS: "dns.example.com" })).toThrow(/DOMAIN_DNS_SERVERS: /);
  });

  it("knows every variable .env.example documents", async () => {
    const { readFileSync } = await import("node:fs");
    const documented = [...readFileSync(".env.example", "utf8").matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map(
      (m) => m[1],
    );
    expect(new Set(documented)).toEqual(new Set(Object.keys(envSchema.shape)));
  });
});
