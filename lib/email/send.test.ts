// Item 13: without SMTP, links are logged only where the log is the delivery (embedded/dev mode).
import { afterEach, describe, expect, it, vi } from "vitest";

import type { Env } from "../env";

const settings = vi.hoisted(() => ({ nodeEnv: "production", database: "postgres" }));
vi.mock("../env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../env")>();
  const env = new Proxy(actual.env, {
    get: (target, key) =>
      key === "NODE_ENV"
        ? settings.nodeEnv
        : key === "LOG_LEVEL"
          ? "info"
          : key === "SMTP_URL"
            ? undefined
            : target[key as keyof Env],
  });
  const runtimeMode = new Proxy(actual.runtimeMode, {
    get: (target, key) => (key === "database" ? settings.database : target[key as keyof typeof target]),
  });
  return { ...actual, env, runtimeMode };
});

const { logIsEmailDelivery, sendEmail } = await import("./send");

const LINK = "https://tessera.example.test/invite/t1.i1.s3cr3t-t0ken";

async function logged(): Promise<string> {
  const lines: string[] = [];
  const out = vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
  const err = vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
  const result = await sendEmail({ to: "invitee@example.test", subject: "You're invited", text: `Accept: ${LINK}` });
  expect(result).toEqual({ delivered: false, transport: "log" });
  out.mockRestore();
  err.mockRestore();
  return lines.join("\n");
}

afterEach(() => {
  settings.nodeEnv = "production";
  settings.database = "postgres";
});

describe("sendEmail without SMTP", () => {
  it("never writes the body (links are credentials) in production on PostgreSQL", async () => {
    const log = await logged();
    expect(log).not.toContain("s3cr3t-t0ken");
    expect(log).toContain("invitee@example.test");
    expect(log).toMatch(/"level":"warn"/);
    expect(log).not.toMatch(/"level":"info"/);
  });

  it.each([
    ["production, embedded database", "production", "embedded"],
    ["development", "development", "postgres"],
    ["test", "test", "postgres"],
  ])("logs the message, link included, where the log is the delivery (%s)", async (_label, nodeEnv, database) => {
    settings.nodeEnv = nodeEnv;
    settings.database = database;
    expect(logIsEmailDelivery()).toBe(true);
    const log = await logged();
    expect(log).toContain(LINK);
    expect(log).toMatch(/"level":"info"/);
  });

  it("decides by NODE_ENV and the database kind", () => {
    expect(logIsEmailDelivery({ nodeEnv: "production", database: "postgres" })).toBe(false);
    expect(logIsEmailDelivery({ nodeEnv: "production", database: "embedded" })).toBe(true);
    expect(logIsEmailDelivery({ nodeEnv: "development", database: "postgres" })).toBe(true);
  });
});
