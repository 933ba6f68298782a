// PayPal, configured once. Orders, plans and subscriptions go through the official SDK
// (@paypal/paypal-server-sdk); what it lacks (catalog products, payouts, webhook verification and
// the webhook events list) is plain REST with fetch. Both share one OAuth2 client-credentials token,
// cached until shortly before it expires, and the same base URL: PAYPAL_API_URL when set (a test
// fake), otherwise PayPal's URL for PAYPAL_ENVIRONMENT. Every POST carries PayPal-Request-Id.
import "server-only";

import { AsyncLocalStorage } from "node:async_hooks";

import {
  Client,
  Environment,
  OrdersController,
  SubscriptionsController,
  type ApiResponse,
  type OAuthToken,
} from "@paypal/paypal-server-sdk";

import { env } from "../../env";

const SDK_BASE_URLS = { live: "https://api-m.paypal.com", sandbox: "https://api-m.sandbox.paypal.com" } as const;
const TIMEOUT_MS = 20_000;

export function isPaypalConfigured(): boolean {
  return Boolean(env.PAYPAL_CLIENT_ID && env.PAYPAL_CLIENT_SECRET);
}

/** Where requests go: PAYPAL_API_URL, or PayPal's own URL for the environment. */
export function paypalBaseUrl(): string {
  return (env.PAYPAL_API_URL ?? SDK_BASE_URLS[env.PAYPAL_ENVIRONMENT]).replace(/\/+$/, "");
}

/** A PayPal answer outside 2xx: the HTTP status and PayPal's error name / first issue. */
export class PaypalApiError extends Error {
  constructor(
    readonly status: number,
    /** e.g. "UNPROCESSABLE_ENTITY", or the first detail's issue, e.g. "ORDER_NOT_APPROVED". */
    readonly issue: string | null,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
    this.name = "PaypalApiError";
  }
}

function errorFrom(status: number, body: unknown): PaypalApiError {
  const record = (body && typeof body === "object" ? body : {}) as {
    name?: unknown;
    message?: unknown;
    details?: { issue?: unknown; description?: unknown }[];
  };
  const detail = Array.isArray(record.details) ? record.details[0] : undefined;
  const issue = typeof detail?.issue === "string" ? detail.issue : typeof record.name === "string" ? record.name : null;
  const text = typeof record.message === "string" ? record.message : `PayPal answered ${status}`;
  return new PaypalApiError(status, issue, `${text}${issue ? ` (${issue})` : ""}`, body);
}

// ─── The OAuth2 token (one for the SDK and for fetch) ─────────────────────────

interface CachedToken {
  value: string;
  /** Epoch ms after which a new token is fetched (a margin before PayPal's expiry). */
  refreshAt: number;
}

interface ClientState {
  key: string;
  token: CachedToken | null;
  pending: Promise<CachedToken> | null;
  sdk: { orders: OrdersController; subscriptions: SubscriptionsController } | null;
}

let state: ClientState | null = null;

function credentials(): { clientId: string; clientSecret: string } {
  if (!env.PAYPAL_CLIENT_ID || !env.PAYPAL_CLIENT_SECRET) {
    throw new Error("PayPal is not configured (PAYPAL_CLIENT_ID / PAYPAL_CLIENT_SECRET are unset).");
  }
  return { clientId: env.PAYPAL_CLIENT_ID, clientSecret: env.PAYPAL_CLIENT_SECRET };
}

/** The state for the current settings; a change of URL or credentials (tests) starts afresh. */
function current(): ClientState {
  const key = [paypalBaseUrl(), env.PAYPAL_ENVIRONMENT, env.PAYPAL_CLIENT_ID ?? ""].join("|");
  if (!state || state.key !== key) state = { key, token: null, pending: null, sdk: null };
  return state;
}

/** Forgets the cached token and SDK client (tests, after changing settings). */
export function resetPaypalClient(): void {
  state = null;
}

async function requestToken(): Promise<CachedToken> {
  const { clientId, clientSecret } = credentials();
  const response = await fetch(`${paypalBaseUrl()}/v1/oauth2/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
      "paypal-request-id": crypto.randomUUID(),
    },
    body: "grant_type=client_credentials",
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const body = (await response.json().catch(() => null)) as { access_token?: unknown; expires_in?: unknown } | null;
  if (!response.ok || typeof body?.access_token !== "string") {
    // The body may echo nothing secret, but keep it out of the message anyway.
    throw new PaypalApiError(
      response.status,
      null,
      `PayPal refused the OAuth token request (${response.status}).`,
      null,
    );
  }
  const lifetime = typeof body.expires_in === "number" && body.expires_in > 0 ? body.expires_in : 3_600;
  // Refresh five minutes early (or halfway through a short-lived token).
  const margin = Math.min(300, lifetime / 2);
  return { value: body.access_token, refreshAt: Date.now() + (lifetime - margin) * 1000 };
}

/** A valid access token: the cached one, or one new request shared by concurrent callers. */
export async function paypalAccessToken(): Promise<CachedToken> {
  const s = current();
  if (s.token && s.token.refreshAt > Date.now()) return s.token;
  s.pending ??= requestToken()
    .then((token) => {
      s.token = token;
      return token;
    })
    .finally(() => {
      s.pending = null;
    });
  return s.pending;
}

// ─── PayPal-Request-Id for SDK calls whose method has no parameter for it ─────

const requestIds = new AsyncLocalStorage<string>();

/** Runs `fn` so that the SDK's POSTs inside it carry `requestId` as PayPal-Request-Id. */
export function withPaypalRequestId<T>(requestId: string, fn: () => Promise<T>): Promise<T> {
  return requestIds.run(requestId, fn);
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

// ─── The SDK ──────────────────────────────────────────────────────────────────

type SdkClientInterface = ConstructorParameters<typeof OrdersController>[0];

function createSdk(): NonNullable<ClientState["sdk"]> {
  const { clientId, clientSecret } = credentials();
  const live = env.PAYPAL_ENVIRONMENT === "live";
  const client = new Client({
    environment: live ? Environment.Production : Environment.Sandbox,
    timeout: TIMEOUT_MS,
    clientCredentialsAuthCredentials: {
      oAuthClientId: clientId,
      oAuthClientSecret: clientSecret,
      // The SDK asks again once `expiry` (seconds) passes: the shared cache answers.
      oAuthTokenProvider: async (): Promise<OAuthToken> => {
        const token = await paypalAccessToken();
        return { accessToken: token.value, tokenType: "Bearer", expiry: BigInt(Math.floor(token.refreshAt / 1000)) };
      },
    },
  });
  // The SDK knows only PayPal's two URLs; every request it builds is re-aimed at ours (a no-op
  // unless PAYPAL_API_URL is set) and given the ambient PayPal-Request-Id when it has none.
  const sdkOrigin = live ? SDK_BASE_URLS.live : SDK_BASE_URLS.sandbox;
  const target = paypalBaseUrl();
  const base = client.getRequestBuilderFactory();
  const factory: typeof base = (...args) => {
    const builder = base(...args);
    builder.interceptRequest((request) => {
      const url = request.url.startsWith(sdkOrigin) ? target + request.url.slice(sdkOrigin.length) : request.url;
      const headers = { ...request.headers };
      const requestId = requestIds.getStore();
      if (request.method === "POST" && requestId && !hasHeader(headers, "paypal-request-id")) {
        headers["PayPal-Request-Id"] = requestId;
      }
      return { ...request, url, headers };
    });
    return builder;
  };
  const wrapped: SdkClientInterface = { getRequestBuilderFactory: () => factory };
  return { orders: new OrdersController(wrapped), subscriptions: new SubscriptionsController(wrapped) };
}

export function paypalSdk(): NonNullable<ClientState["sdk"]> {
  const s = current();
  s.sdk ??= createSdk();
  return s.sdk;
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Runs an SDK call and returns PayPal's raw JSON (snake_case, as webhooks deliver it, so one set
 * of mappers serves both). SDK errors become PaypalApiError.
 */
export async function sdkJson(call: () => Promise<ApiResponse<unknown>>): Promise<unknown> {
  try {
    const response = await call();
    return typeof response.body === "string" ? parseJson(response.body) : null;
  } catch (error) {
    if (error && typeof error === "object" && typeof (error as { statusCode?: unknown }).statusCode === "number") {
      const { statusCode, body } = error as { statusCode: number; body?: unknown };
      throw errorFrom(statusCode, typeof body === "string" ? parseJson(body) : null);
    }
    throw error;
  }
}

// ─── Plain REST (what the SDK lacks) ──────────────────────────────────────────

export interface PaypalRequest {
  query?: Record<string, string | number | undefined>;
  /** Serialised as JSON. */
  body?: unknown;
  /** Sent as is (webhook verification embeds the delivery's exact bytes). */
  rawBody?: string;
  /** Required for POST: PayPal-Request-Id. */
  requestId?: string;
}

/** A REST call on PayPal's API; `path` may also be a full URL PayPal returned (a `next` link). */
export async function paypalFetch<T = unknown>(
  method: "GET" | "POST" | "PATCH",
  path: string,
  request: PaypalRequest = {},
) {
  if (method === "POST" && !request.requestId) throw new Error(`POST ${path} needs a PayPal-Request-Id`);
  // A link PayPal returned names PayPal's host: only its path is kept, so it reaches our base URL.
  const absolute = /^https?:\/\//.test(path) ? new URL(path) : null;
  const relative = absolute ? `${absolute.pathname}${absolute.search}` : path;
  const url = new URL(`${paypalBaseUrl()}${relative.startsWith("/") ? "" : "/"}${relative}`);
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  const body = request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
  for (let attempt = 0; ; attempt += 1) {
    const token = await paypalAccessToken();
    const response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${token.value}`,
        accept: "application/json",
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(request.requestId ? { "paypal-request-id": request.requestId } : {}),
      },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const parsed = parseJson(await response.text());
    // A token revoked early: forget it and try once more with a fresh one.
    if (response.status === 401 && attempt === 0) {
      current().token = null;
      continue;
    }
    if (!response.ok) throw errorFrom(response.status, parsed);
    return { status: response.status, body: parsed as T };
  }
}
