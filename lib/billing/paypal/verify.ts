// Is a webhook delivery genuinely PayPal's? Two ways (PAYPAL_WEBHOOK_VERIFICATION):
//  api:     ask PayPal (POST /v1/notifications/verify-webhook-signature) and require SUCCESS;
//  offline: check the RSA signature over "<transmission id>|<time>|<webhook id>|<crc32 of the
//           body>" against the certificate PayPal names, fetched only over https from PayPal's own
//           host for the environment (the sandbox host only in sandbox mode; anything else is
//           refused before any request), cached by certificate URL without its query string in a
//           bounded cache, within its dates.
// In both modes a delivery is checked locally first — every signature header present, a known
// algorithm, a certificate URL on PayPal's host, a transmission time within TRANSMISSION_WINDOW_MS
// of ours — so an unsigned or stale delivery is refused before any outbound call; and a verified
// transmission id is remembered (Redis) for twice the window, so a replayed delivery is refused.
// Anything not genuine throws InvalidWebhook (400, nothing stored); being unable to check right
// now (PayPal, the certificate host or Redis unreachable) throws a plain error (503: PayPal retries).
import "server-only";

import { createHash, verify as verifySignature, X509Certificate } from "node:crypto";

import { getRedis } from "../../cache/redis";
import { env } from "../../env";
import { InvalidWebhook, type WebhookVerifier } from "../webhooks/delivery";
import type { IncomingEvent } from "../webhooks/types";
import { isPaypalConfigured, paypalFetch, PaypalApiError } from "./client";
import { crc32 } from "./crc32";
import { paypalEvent } from "./resources";

/** Where PayPal serves its signing certificates: the live host, and in sandbox mode the sandbox's too. */
export function paypalCertHosts(): readonly string[] {
  return env.PAYPAL_ENVIRONMENT === "sandbox" ? ["api.sandbox.paypal.com", "api.paypal.com"] : ["api.paypal.com"];
}

/** PayPal's names for the signature algorithm → node's digest. */
const ALGORITHMS: Record<string, string> = { sha256withrsa: "sha256", sha512withrsa: "sha512" };
const MAX_CERT_BYTES = 64 * 1024;
/** How far a transmission's time may be from ours, either way (Stripe's default tolerance). */
export const TRANSMISSION_WINDOW_MS = 5 * 60_000;
/** Certificates kept at once (PayPal rotates a handful a year); the oldest used goes first. */
export const CERTIFICATE_CACHE_SIZE = 16;

export interface CertificateSource {
  /** Hosts a certificate may come from (https only, default port); unset: paypalCertHosts(). */
  allowedHosts?: readonly string[];
  /** Downloads the PEM at an already-checked URL. */
  fetch(url: URL): Promise<string>;
}

async function downloadCertificate(url: URL): Promise<string> {
  const response = await fetch(url, { redirect: "error", signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`PayPal's certificate host answered ${response.status}`);
  const text = await response.text();
  if (text.length > MAX_CERT_BYTES) throw new Error("PayPal's certificate is unexpectedly large");
  return text;
}

const DEFAULT_SOURCE: CertificateSource = { fetch: downloadCertificate };
let source: CertificateSource = DEFAULT_SOURCE;
/** By certificate URL (no query, no fragment), in least-recently-used order (a Map keeps insertion order). */
const certificates = new Map<string, Promise<X509Certificate>>();

/** How many certificates are cached (tests check the bound). */
export function cachedCertificateCount(): number {
  return certificates.size;
}

/** Tests serve their certificate locally; null restores PayPal's hosts. Clears the cache. */
export function setPaypalCertificateSource(next: Partial<CertificateSource> | null): void {
  source = next ? { ...DEFAULT_SOURCE, ...next } : DEFAULT_SOURCE;
  certificates.clear();
}

function header(headers: Headers, name: string): string {
  const value = headers.get(name)?.trim();
  if (!value) throw new InvalidWebhook(`missing ${name} header`);
  return value;
}

interface Transmission {
  id: string;
  time: string;
  signature: string;
  certUrl: string;
  algorithm: string;
}

function transmission(headers: Headers): Transmission {
  return {
    id: header(headers, "paypal-transmission-id"),
    time: header(headers, "paypal-transmission-time"),
    signature: header(headers, "paypal-transmission-sig"),
    certUrl: header(headers, "paypal-cert-url"),
    algorithm: header(headers, "paypal-auth-algo"),
  };
}

/** The delivery's JSON as the pipeline stores it. */
export function parsePaypalEvent(raw: string): IncomingEvent {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new InvalidWebhook("the body is not JSON");
  }
  const parsed = paypalEvent.safeParse(json);
  if (!parsed.success) throw new InvalidWebhook("the body is not a PayPal event");
  const createdAt = new Date(parsed.data.create_time);
  if (Number.isNaN(createdAt.getTime())) throw new InvalidWebhook("the event has no valid create_time");
  return { provider: "PAYPAL", eventId: parsed.data.id, type: parsed.data.event_type, createdAt, payload: json };
}

/**
 * Refuses a certificate URL that is not https on PayPal's host for this environment, before
 * anything is fetched; the URL kept has no query string or fragment (they name no other
 * certificate, and must not multiply downloads or cache entries).
 */
export function checkCertificateUrl(
  value: string,
  allowedHosts: readonly string[] = source.allowedHosts ?? paypalCertHosts(),
): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidWebhook("the certificate URL is not a URL");
  }
  const allowed = allowedHosts.map((host) => host.toLowerCase());
  if (url.protocol !== "https:" || url.username || url.password || url.port || !allowed.includes(url.hostname)) {
    throw new InvalidWebhook("the certificate is not served by PayPal");
  }
  url.search = "";
  url.hash = "";
  return url;
}

async function certificate(url: URL): Promise<X509Certificate> {
  const key = url.toString();
  let pending = certificates.get(key);
  if (pending) {
    // Most recently used goes last.
    certificates.delete(key);
    certificates.set(key, pending);
  } else {
    pending = source.fetch(url).then((pem) => {
      // PayPal serves the chain; the first certificate is the signer's.
      const first = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
      if (!first) throw new InvalidWebhook("the certificate URL does not serve a certificate");
      try {
        return new X509Certificate(first);
      } catch {
        throw new InvalidWebhook("the certificate cannot be read");
      }
    });
    certificates.set(key, pending);
    while (certificates.size > CERTIFICATE_CACHE_SIZE) {
      const oldest = certificates.keys().next().value;
      if (oldest === undefined) break;
      certificates.delete(oldest);
    }
    // A failed download is not remembered: the next delivery tries again.
    pending.catch(() => {
      if (certificates.get(key) === pending) certificates.delete(key);
    });
  }
  return pending;
}

function checkValidity(cert: X509Certificate, now: Date): void {
  const from = new Date(cert.validFrom);
  const to = new Date(cert.validTo);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || now < from || now > to) {
    throw new InvalidWebhook("the signing certificate is expired or not yet valid");
  }
}

interface CheckedTransmission extends Transmission {
  digest: string;
  certificateUrl: URL;
  signatureBytes: Buffer;
}

/**
 * Everything about a delivery that can be checked without a request: the signature headers, the
 * algorithm, the certificate URL's host and the transmission time. Runs before any outbound call.
 */
function checkTransmission(headers: Headers, now: Date): CheckedTransmission {
  const t = transmission(headers);
  const digest = ALGORITHMS[t.algorithm.toLowerCase()];
  if (!digest) throw new InvalidWebhook(`unsupported signature algorithm ${t.algorithm}`);
  const signatureBytes = Buffer.from(t.signature, "base64");
  if (signatureBytes.length < 64) throw new InvalidWebhook("the signature is missing or malformed");
  if (t.id.length > 128) throw new InvalidWebhook("the transmission id is malformed");
  const certificateUrl = checkCertificateUrl(t.certUrl);
  const sent = Date.parse(t.time);
  if (Number.isNaN(sent)) throw new InvalidWebhook("the transmission time is not a time");
  if (Math.abs(now.getTime() - sent) > TRANSMISSION_WINDOW_MS) {
    throw new InvalidWebhook("the transmission time is outside the accepted window");
  }
  return { ...t, digest, certificateUrl, signatureBytes };
}

/**
 * Remembers a verified transmission id for twice the window; a second delivery of it (a replay)
 * is refused. Redis unreachable: 503, PayPal delivers again.
 */
async function rememberTransmission(id: string): Promise<void> {
  const redis = await getRedis();
  const key = `paypal:transmission:${createHash("sha256").update(id).digest("hex")}`;
  const fresh = await redis.set(key, "1", { nx: true, px: 2 * TRANSMISSION_WINDOW_MS });
  if (fresh === null) throw new InvalidWebhook("this transmission was already delivered");
}

/** Offline: PayPal's signature over the transmission, the webhook id and the body's CRC32. */
export async function verifyOffline(raw: string, headers: Headers, webhookId: string): Promise<IncomingEvent> {
  const t = checkTransmission(headers, new Date());
  const cert = await certificate(t.certificateUrl);
  checkValidity(cert, new Date());
  const message = `${t.id}|${t.time}|${webhookId}|${crc32(Buffer.from(raw, "utf8"))}`;
  if (!verifySignature(t.digest, Buffer.from(message, "utf8"), cert.publicKey, t.signatureBytes)) {
    throw new InvalidWebhook("the signature does not match");
  }
  const event = parsePaypalEvent(raw);
  await rememberTransmission(t.id);
  return event;
}

/** API: PayPal checks the delivery itself (after the same local checks). */
export async function verifyWithApi(raw: string, headers: Headers, webhookId: string): Promise<IncomingEvent> {
  const t = checkTransmission(headers, new Date());
  const event = parsePaypalEvent(raw);
  // The event is embedded byte for byte: PayPal checks its CRC32, which a re-serialisation could change.
  const rawBody =
    `{"auth_algo":${JSON.stringify(t.algorithm)},"cert_url":${JSON.stringify(t.certUrl)},` +
    `"transmission_id":${JSON.stringify(t.id)},"transmission_sig":${JSON.stringify(t.signature)},` +
    `"transmission_time":${JSON.stringify(t.time)},"webhook_id":${JSON.stringify(webhookId)},` +
    `"webhook_event":${raw}}`;
  let status: unknown;
  try {
    // A fresh request id each time: a replayed id would get PayPal's stored answer for another body.
    const response = await paypalFetch<{ verification_status?: unknown }>(
      "POST",
      "/v1/notifications/verify-webhook-signature",
      { rawBody, requestId: crypto.randomUUID() },
    );
    status = response.body?.verification_status;
  } catch (error) {
    // PayPal refusing the inputs (400/422) means they are not a genuine transmission.
    if (error instanceof PaypalApiError && (error.status === 400 || error.status === 422)) {
      throw new InvalidWebhook("PayPal did not recognise the transmission");
    }
    throw error;
  }
  if (status !== "SUCCESS") throw new InvalidWebhook("PayPal did not verify the signature");
  await rememberTransmission(t.id);
  return event;
}

/** The verifier for the route; null (404) while PayPal webhooks are not configured. */
export function paypalWebhookVerifier(): WebhookVerifier | null {
  const webhookId = env.PAYPAL_WEBHOOK_ID;
  if (!webhookId) return null;
  if (env.PAYPAL_WEBHOOK_VERIFICATION === "offline") {
    return (raw, headers) => verifyOffline(raw, headers, webhookId);
  }
  // Asking PayPal needs API credentials.
  if (!isPaypalConfigured()) return null;
  return (raw, headers) => verifyWithApi(raw, headers, webhookId);
}
