// A v1 route is declared once: method, path, required scope and zod schemas. The same
// declaration drives request validation (lib/http/api.ts), the OpenAPI document
// (lib/api/openapi.ts) and the table-driven scope tests.
import type { z } from "zod";

import type { ErrorCode } from "@/lib/errors";
import type { Scope } from "../api-keys/scopes";

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

export interface ApiRouteDef<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI-style path, e.g. "/api/v1/members/{userId}". */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /**
   * Who may call: "tenant" (a tenant key or a member's session), "platform" (a platform key or an
   * operator's session), "any" (either kind of key).
   */
  audience: "tenant" | "platform" | "any";
  /** The scope the caller must hold; null when any valid key will do. */
  scope: Scope | null;
  params?: P;
  query?: Q;
  body?: B;
  /** The response body; absent for 204. */
  response?: R;
  /**
   * A request body that is not JSON (a file's bytes): documented with this media type, read by the
   * handler itself as a stream (the JSON body limit does not apply).
   */
  rawBody?: { mediaType: string; description: string };
  /** A response that is not JSON (a file's bytes): the handler returns a Response. */
  rawResponse?: { mediaType: string; description: string };
  status?: 200 | 201 | 202 | 204;
  /** Error codes worth documenting beyond the ones every route can return. */
  errors?: ErrorCode[];
}

export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  def: ApiRouteDef<P, Q, B, R>,
): ApiRouteDef<P, Q, B, R> {
  return def;
}

/** The route's label in usage rollups and metrics: "GET /api/v1/members/{userId}". */
export function routeLabel(def: Pick<ApiRouteDef, "method" | "path">): string {
  return `${def.method} ${def.path}`;
}
