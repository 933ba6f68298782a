// The boundary of Auth.js's routes (/api/auth/*): what the rest of the API promises, around a
// library that does not. A body is read at most BODY_LIMITS.auth bytes (413 beyond); a
// `callbackUrl` Auth.js would call a server misconfiguration (a 500 for any non-page action) is
// refused with 400, and a forged callback-url cookie is dropped; every 4xx Auth.js answers in its
// own shape ("Bad request.", null) carries the JSON error body instead, its headers kept.
import "server-only";

import { NextRequest } from "next/server";

import { BODY_LIMITS, readBodyText } from "./body";
import { AppError, isAppError } from "@/lib/errors";
import { newRequestId } from "./request";
import { errorResponse } from "./route";

type AuthHandler = (request: NextRequest) => Promise<Response>;

/** Auth.js's own test (@auth/core assertConfig): an http(s) URL, absolute or from the root. */
export function acceptableCallbackUrl(value: string, origin: string): boolean {
  try {
    return /^https?:/.test(new URL(value, value.startsWith("/") ? origin : undefined).protocol);
  } catch {
    return false;
  }
}

const CALLBACK_COOKIE = /^(?:__Secure-)?authjs\.callback-url$/;

/** The Cookie header without callback-url cookies Auth.js would refuse. */
function withoutBadCallbackCookie(cookie: string | null, origin: string): string | null {
  if (!cookie) return cookie;
  const kept = cookie
    .split(";")
    .map((part) => part.trim())
    .filter((part) => {
      const eq = part.indexOf("=");
      const name = eq < 0 ? part : part.slice(0, eq);
      if (!CALLBACK_COOKIE.test(name)) return true;
      let value = part.slice(eq + 1);
      try {
        value = decodeURIComponent(value);
      } catch {
        return false;
      }
      return acceptableCallbackUrl(value, origin);
    });
  return kept.join("; ");
}

function isErrorEnvelope(value: unknown): boolean {
  const error = (value as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === "string" && typeof error.message === "string";
}

async function asErrorEnvelope(response: Response, requestId: string): Promise<Response> {
  let body: unknown;
  try {
    body = await response.clone().json();
  } catch {
    body = undefined;
  }
  if (isErrorEnvelope(body)) return response;
  const code = response.status === 401 ? "unauthorized" : response.status === 404 ? "not_found" : "bad_request";
  const message =
    typeof body === "string" && body ? body : response.status === 401 ? "Sign in to continue." : "Bad request.";
  const replaced = errorResponse(new AppError(code, message), requestId);
  const status = response.status;
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  headers.set("content-type", "application/json");
  headers.set("x-request-id", requestId);
  return new Response(await replaced.text(), { status, headers });
}

function guard(handler: AuthHandler): AuthHandler {
  return async (request) => {
    const requestId = request.headers.get("x-request-id") ?? newRequestId();
    try {
      const url = new URL(request.url);
      const callbackUrl = url.searchParams.get("callbackUrl");
      if (callbackUrl !== null && callbackUrl !== "" && !acceptableCallbackUrl(callbackUrl, url.origin)) {
        throw new AppError("validation_failed", "Some fields are not valid.", {
          callbackUrl: ["Use a path on this site or an http(s) URL."],
        });
      }
      const headers = new Headers(request.headers);
      const cookie = withoutBadCallbackCookie(headers.get("cookie"), url.origin);
      if (cookie !== null) headers.set("cookie", cookie);
      const hasBody = request.method !== "GET" && request.method !== "HEAD";
      const body = hasBody ? await readBodyText(request, BODY_LIMITS.auth) : undefined;
      if (body !== undefined) headers.delete("content-length");
      const response = await handler(new NextRequest(url, { method: request.method, headers, body }));
      return response.status >= 400 && response.status < 500 ? await asErrorEnvelope(response, requestId) : response;
    } catch (error) {
      if (!isAppError(error)) throw error;
      return errorResponse(error, requestId);
    }
  };
}

/** Auth.js's route handlers behind the boundary above. */
export function guardAuthHandlers(handlers: { GET: AuthHandler; POST: AuthHandler }) {
  return { GET: guard(handlers.GET), POST: guard(handlers.POST) };
}
