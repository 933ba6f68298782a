// GET /api/metrics without METRICS_TOKEN answers only on loopback in production (issue 9, item 13).
// "Loopback" is the connection's own address, stamped by node's HTTP server (lib/net/peer.ts), so
// the route is served here behind real node servers — TCP on 127.0.0.1 and a Unix socket (a
// connection with no loopback address) — with the same stamp instrumentation.ts installs.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { Env } from "@/lib/env";

const settings = vi.hoisted(() => ({ env: undefined as unknown as Env }));
vi.mock("@/lib/env", async (importOriginal) =>
  (await import("../helpers/settings")).withSettings(importOriginal, settings, {
    NODE_ENV: "production",
    METRICS_TOKEN: undefined,
  }),
);

const metricsRoute = await import("@/app/api/metrics/route");
const { installPeerAddressHeader, isLoopbackAddress, forwardedAddresses, PEER_HEADER } = await import("@/lib/net/peer");

/** Serves GET /api/metrics the way Next hands a route handler a Request. */
async function handle(req: IncomingMessage, res: import("node:http").ServerResponse) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(", "));
  }
  const response = await metricsRoute.GET(new Request(`http://localhost${req.url}`, { headers }));
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(await response.text());
}

let tcp: Server;
let unix: Server;
let port: number;
let dir: string;
let socketPath: string;

beforeAll(async () => {
  installPeerAddressHeader();
  dir = mkdtempSync(path.join(tmpdir(), "tessera-metrics-"));
  socketPath = path.join(dir, "app.sock");
  tcp = createServer((req, res) => void handle(req, res));
  unix = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => tcp.listen(0, "127.0.0.1", resolve));
  await new Promise<void>((resolve) => unix.listen(socketPath, resolve));
  port = (tcp.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((resolve) => tcp.close(resolve));
  await new Promise((resolve) => unix.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  settings.env.NODE_ENV = "production";
  settings.env.METRICS_TOKEN = undefined;
});

function scrape(headers: Record<string, string> = {}, via: "tcp" | "unix" = "tcp") {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const target = via === "tcp" ? { host: "127.0.0.1", port } : { socketPath };
    const req = httpRequest({ ...target, path: "/api/metrics", headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("GET /api/metrics in production without METRICS_TOKEN", () => {
  it("answers a scrape from this machine", async () => {
    const scraped = await scrape();
    expect(scraped.status).toBe(200);
    expect(scraped.text).toContain("# TYPE");
    // A local client naming itself (or another loopback address) is still local.
    expect((await scrape({ "x-forwarded-for": "127.0.0.1, ::1" })).status).toBe(200);
  });

  it("refuses a proxy on this machine relaying someone else", async () => {
    const relayed: Record<string, string>[] = [
      { "x-forwarded-for": "203.0.113.7" },
      { "x-forwarded-for": "127.0.0.1, 203.0.113.7" },
      { "x-real-ip": "203.0.113.7" },
      { forwarded: 'for="[2001:db8::7]:4711";proto=https' },
      { forwarded: "for=unknown" },
    ];
    for (const headers of relayed) {
      const refused = await scrape(headers);
      expect(refused.status, JSON.stringify(headers)).toBe(403);
      expect(JSON.parse(refused.text).error.message).toMatch(/METRICS_TOKEN/);
      expect(refused.text).not.toContain("# TYPE");
    }
  });

  it("does not believe headers a client writes itself", async () => {
    // A connection without a loopback address, claiming loopback in every header it can.
    const forged = {
      "x-forwarded-for": "127.0.0.1",
      "x-real-ip": "127.0.0.1",
      forwarded: "for=127.0.0.1",
      [PEER_HEADER]: "127.0.0.1",
    };
    expect((await scrape(forged, "unix")).status).toBe(403);
    // A request that no node server of this process stamped (another runtime): no peer, refused.
    const direct = await metricsRoute.GET(
      new Request("http://localhost/api/metrics", { headers: { ...forged, [PEER_HEADER]: "0000 127.0.0.1" } }),
    );
    expect(direct.status).toBe(403);
  });

  it("requires the token everywhere once METRICS_TOKEN is set", async () => {
    settings.env.METRICS_TOKEN = "metrics-token-for-this-test";
    expect((await scrape()).status).toBe(401);
    expect((await scrape({ authorization: "Bearer metrics-token-for-this-test" }, "unix")).status).toBe(200);
  });

  it("stays open outside production", async () => {
    settings.env.NODE_ENV = "development";
    expect((await scrape({ "x-forwarded-for": "203.0.113.7" }, "unix")).status).toBe(200);
  });
});

describe("address helpers", () => {
  it.each([
    ["127.0.0.1", true],
    ["127.8.9.10", true],
    ["::1", true],
    ["[::1]:9090", true],
    ["::ffff:127.0.0.1", true],
    ["127.0.0.1:8080", true],
    ["10.0.0.1", false],
    ["::ffff:10.0.0.1", false],
    ["1270.0.0.1", false],
    ["fd00::2", false],
    ["unknown", false],
    ["", false],
  ])("isLoopbackAddress(%j) is %s", (address, loopback) => {
    expect(isLoopbackAddress(address)).toBe(loopback);
  });

  it("collects every forwarding header's addresses", () => {
    const headers = new Headers({
      "x-forwarded-for": " 198.51.100.1 , 127.0.0.1",
      "x-real-ip": "198.51.100.2",
      forwarded: 'for=198.51.100.3;proto=https, for="[2001:db8::1]:80"',
    });
    expect(forwardedAddresses(headers)).toEqual([
      "198.51.100.1",
      "127.0.0.1",
      "198.51.100.2",
      "198.51.100.3",
      "[2001:db8::1]:80",
    ]);
  });
});
