// The client's network address, for rate limits (sign-in throttling, abuse limits).
//
// X-Forwarded-For is whatever the client wrote, plus one entry per proxy that forwarded the
// request (each appends the address it received the request from). Only the entries written
// by proxies we run can be trusted, so with TRUSTED_PROXY_COUNT = N the client is the N-th
// entry from the right; everything to its left is the client's own invention. With N = 0
// (the default: browsers talk to this server directly) the header is ignored altogether and
// the address is the TCP peer's. Next.js does not hand the peer address to route handlers or
// server actions (it fills X-Forwarded-For with it only when the client sent none, which makes
// the two indistinguishable), so the peer address comes from the sealed stamp of lib/net/peer.ts.
import { env } from "../env";
import { logger } from "../observability/logger";
import { peerAddress } from "./peer";

export const UNKNOWN_ADDRESS = "unknown";

const globalForPeer = globalThis as unknown as { __tesseraUnknownWarned?: boolean };

/** "::ffff:127.0.0.1" → "127.0.0.1"; anything that is not an IP address → null. */
export function normalizeAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  let address = value.trim().toLowerCase();
  if (address.startsWith("[")) address = address.slice(1, address.indexOf("]") > 0 ? address.indexOf("]") : undefined);
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  if (address.startsWith("::ffff:") && address.includes(".")) address = address.slice(7);
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) {
    return address.split(".").every((part) => Number(part) <= 255) ? address : null;
  }
  return /^[0-9a-f:]{2,39}$/.test(address) && address.includes(":") ? address : null;
}

/**
 * The client's address as seen through `trustedProxies` proxies (TRUSTED_PROXY_COUNT), or
 * UNKNOWN_ADDRESS when it cannot be told.
 */
export function clientAddress(headers: Headers, trustedProxies: number = env.TRUSTED_PROXY_COUNT): string {
  let address: string | null;
  if (trustedProxies <= 0) {
    address = normalizeAddress(peerAddress(headers));
  } else {
    const hops = (headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((hop) => hop.trim())
      .filter(Boolean);
    // Fewer hops than proxies: the request did not come through all of them (a misconfiguration).
    address = hops.length >= trustedProxies ? normalizeAddress(hops[hops.length - trustedProxies]) : null;
  }
  if (address) return address;
  if (!globalForPeer.__tesseraUnknownWarned && env.NODE_ENV === "production") {
    globalForPeer.__tesseraUnknownWarned = true;
    logger.warn("client address unknown: rate limits per address fall back to one shared bucket", {
      trustedProxies,
      hint: "behind a proxy or platform (Vercel, a load balancer), set TRUSTED_PROXY_COUNT",
    });
  }
  return UNKNOWN_ADDRESS;
}

/**
 * The key rate limits count an address under: IPv4 addresses as they are, IPv6 addresses by
 * their /64 network (one subscriber usually holds a whole /64, so single addresses are free).
 */
export function addressBucket(address: string): string {
  if (!address.includes(":")) return address;
  const [head, tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::")
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => (Number.parseInt(group || "0", 16) || 0).toString(16))
    .join(":")}::/64`;
}
