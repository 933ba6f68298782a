// The address of the connection a request arrived on, which Next.js does not give route handlers.
//
// Next's server fills X-Forwarded-For with the socket's address only when the request has none
// (`??=` in next/dist/server/base-server.js): a client that sends its own X-Forwarded-For decides
// every entry. So the socket's address is taken where it is known for certain: when node's HTTP
// server receives a request (diagnostics channel "http.server.request.start", published before
// Next sees the request), it is written into PEER_HEADER, overwriting anything the client sent,
// prefixed by a random seal of this process. Only a value carrying the seal is believed: where the
// hook did not run (another runtime, another process), there is no peer address, never a forged one.
//
// Client addresses behind proxies (TRUSTED_PROXY_COUNT) are lib/net/client-address.ts's; the
// peer address here is the hop it counts from, and the loopback check below needs no proxy count.
import { randomBytes } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { group } from "@/lib/indexed";

export const PEER_HEADER = "x-tessera-peer-address";

const globalForPeer = globalThis as unknown as { __tesseraPeer?: { seal: string; installed: boolean } };
const state = (globalForPeer.__tesseraPeer ??= { seal: randomBytes(16).toString("hex"), installed: false });

/** Stamps every request node's HTTP server receives with its socket's address (idempotent). */
export function installPeerAddressHeader(): void {
  if (state.installed) return;
  state.installed = true;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[PEER_HEADER] = `${state.seal} ${socket.remoteAddress ?? ""}`;
  });
}

/**
 * The header value this process stamps for `address`: for in-process callers that build requests
 * themselves (tests). A client cannot produce it without the process's random seal.
 */
export function peerHeaderValue(address: string): string {
  return `${state.seal} ${address}`;
}

/** The socket address stamped on a request by this process, or null when it was not. */
export function peerAddress(headers: Headers): string | null {
  const value = headers.get(PEER_HEADER);
  if (!value) return null;
  const [seal, address] = value.split(" ");
  return seal === state.seal && address ? address : null;
}

/** 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopbackAddress(address: string): boolean {
  const plain = address
    .trim()
    .replace(/^\[|\](:\d+)?$/g, "")
    .toLowerCase();
  const v4 = plain.startsWith("::ffff:") ? plain.slice("::ffff:".length) : plain;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}(:\d+)?$/.test(v4)) return true;
  return plain === "::1" || plain === "0:0:0:0:0:0:0:1";
}

/** Every address the forwarding headers name (X-Forwarded-For, X-Real-IP, Forwarded's for=). */
export function forwardedAddresses(headers: Headers): string[] {
  const out: string[] = [];
  for (const entry of (headers.get("x-forwarded-for") ?? "").split(",")) if (entry.trim()) out.push(entry.trim());
  const realIp = headers.get("x-real-ip")?.trim();
  if (realIp) out.push(realIp);
  for (const match of (headers.get("forwarded") ?? "").matchAll(/for=("[^"]*"|[^;,\s]+)/gi)) {
    out.push(group(match, 1).replace(/^"|"$/g, ""));
  }
  return out;
}

/**
 * Whether a request never left this machine: its connection comes from a loopback address, and no
 * forwarding header names anything else (a proxy on this host relaying a remote client says so in
 * X-Forwarded-For / X-Real-IP / Forwarded). Forwarding headers can only refuse, never grant: a
 * remote client writing "127.0.0.1" into them still connects from its own address.
 */
export function isLoopbackRequest(headers: Headers): boolean {
  const peer = peerAddress(headers);
  if (!peer || !isLoopbackAddress(peer)) return false;
  return forwardedAddresses(headers).every(isLoopbackAddress);
}
