import { describe, expect, it } from "vitest";

import { UNKNOWN_ADDRESS, addressBucket, clientAddress, normalizeAddress } from "./client-address";
import { PEER_HEADER, peerHeaderValue } from "./peer";

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
    if (peer !== undefined) values[PEER_HEADER] = peerHeaderValue(peer);
    expect(clientAddress(headers(values), proxies)).toBe(expected);
  });

  it("believes only a stamp carrying this process's seal", () => {
    expect(clientAddress(headers({ [PEER_HEADER]: "203.0.113.9" }), 0)).toBe(UNKNOWN_ADDRESS);
    expect(clientAddress(headers({ [PEER_HEADER]: "0000 203.0.113.9" }), 0)).toBe(UNKNOWN_ADDRESS);
  });

  it("defaults to TRUSTED_PROXY_COUNT=0: X-Forwarded-For is ignored", () => {
    expect(
      clientAddress(headers({ "x-forwarded-for": "198.51.100.1", [PEER_HEADER]: peerHeaderValue("203.0.113.9") })),
    ).toBe("203.0.113.9");
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
