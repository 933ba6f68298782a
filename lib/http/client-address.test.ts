import { EventEmitter } from "node:events";
import http from "node:http";

import { describe, expect, it } from "vitest";

import {
  PEER_ADDRESS_HEADER,
  UNKNOWN_ADDRESS,
  addressBucket,
  clientAddress,
  installPeerAddressHook,
  normalizeAddress,
} from "./client-address";

const headers = (values: Record<string, string>) => new Headers(values);

describe("clientAddress", () => {
  it.each([
    // [trusted proxies, X-Forwarded-For, peer (socket) address, expected]
    [0, undefined, "203.0.113.9", "203.0.113.9"],
    [0, "198.51.100.1", "203.0.113.9", "203.0.113.9"], // the client wrote X-Forwarded-For itself
    [0, "198.51.100.1, 198.51.100.2", "203.0.113.9", "203.0.113.9"],
    [0, "198.51.100.1", undefined, UNKNOWN_ADDRESS], // no peer known: never the header
    [0, undefined, "::ffff:203.0.113.9", "203.0.113.9"],
    [0, undefined, "2001:DB8::1", "2001:db8::1"],
    [1, "203.0.113.9", "10.0.0.2", "203.0.113.9"], // one proxy appended the client it saw
    [1, "198.51.100.66, 203.0.113.9", "10.0.0.2", "203.0.113.9"], // a forged entry to the left is ignored
    [1, "198.51.100.66,203.0.113.9 ", "10.0.0.2", "203.0.113.9"],
    [2, "198.51.100.66, 203.0.113.9, 10.0.0.1", "10.0.0.2", "203.0.113.9"], // CDN + load balancer
    [2, "203.0.113.9", "10.0.0.2", UNKNOWN_ADDRESS], // fewer hops than proxies: not through them all
    [1, "", "10.0.0.2", UNKNOWN_ADDRESS],
    [1, "not-an-ip", "10.0.0.2", UNKNOWN_ADDRESS],
    [1, "203.0.113.9:4711", "10.0.0.2", "203.0.113.9"],
    [1, "[2001:db8::7]:4711", "10.0.0.2", "2001:db8::7"],
  ])("with %i trusted proxies, X-Forwarded-For %j and peer %j → %s", (proxies, forwarded, peer, expected) => {
    const values: Record<string, string> = { "x-real-ip": "192.0.2.250" };
    if (forwarded !== undefined) values["x-forwarded-for"] = forwarded;
    if (peer !== undefined) values[PEER_ADDRESS_HEADER] = peer;
    expect(clientAddress(headers(values), proxies)).toBe(expected);
  });

  it("defaults to TRUSTED_PROXY_COUNT=0: X-Forwarded-For is ignored", () => {
    expect(clientAddress(headers({ "x-forwarded-for": "198.51.100.1", [PEER_ADDRESS_HEADER]: "203.0.113.9" }))).toBe(
      "203.0.113.9",
    );
  });
});

describe("normalizeAddress and addressBucket", () => {
  it("accepts IP addresses only", () => {
    expect(normalizeAddress("256.1.1.1")).toBeNull();
    expect(normalizeAddress("evil.example")).toBeNull();
    expect(normalizeAddress("1.2.3.4; DROP")).toBeNull();
    expect(normalizeAddress(" 1.2.3.4 ")).toBe("1.2.3.4");
  });

  it("counts IPv6 clients per /64 network and IPv4 clients per address", () => {
    expect(addressBucket("203.0.113.9")).toBe("203.0.113.9");
    expect(addressBucket("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("2001:db8:1:2:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressBucket("::1")).toBe("0:0:0:0::/64");
  });
});

describe("installPeerAddressHook", () => {
  it("stamps every request with its socket's address, overwriting what the client sent", () => {
    class FakeServer extends EventEmitter {}
    const prototype = FakeServer.prototype as unknown as { emit: EventEmitter["emit"] };
    prototype.emit = EventEmitter.prototype.emit;
    const globals = globalThis as { __tesseraPeerHook?: boolean };
    const installed = globals.__tesseraPeerHook;
    globals.__tesseraPeerHook = false;
    try {
      installPeerAddressHook([prototype]);
    } finally {
      globals.__tesseraPeerHook = installed;
    }
    const server = new FakeServer();
    const seen: string[] = [];
    server.on("request", (request: http.IncomingMessage) => seen.push(String(request.headers[PEER_ADDRESS_HEADER])));
    const request = { headers: { [PEER_ADDRESS_HEADER]: "198.51.100.1" }, socket: { remoteAddress: "203.0.113.9" } };
    server.emit("request", request, {});
    server.emit("other", request);
    expect(seen).toEqual(["203.0.113.9"]);
  });

  it("works on a real HTTP server", async () => {
    installPeerAddressHook();
    const server = http.createServer((request, response) => {
      response.end(String(request.headers[PEER_ADDRESS_HEADER]));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as { port: number };
      const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_ADDRESS_HEADER]: "198.51.100.1" } });
      expect(await response.text()).toBe("127.0.0.1");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
