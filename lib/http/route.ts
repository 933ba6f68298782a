// Route handlers: the same boundary for JSON endpoints. Errors answer
// { "error": { "code", "message", "details"? } } with the status of the code table.
import "server-only";

import { NextResponse } from "next/server";

import { logger } from "../observability/logger";
import type { TenantContext } from "../tenancy/context";
import { can, type Permission } from "../tenancy/permissions";
import { AppError, isAppError } from "@/lib/errors";
import { operatorFromUser, type SessionOperator } from "./operator";
import { newRequestId } from "./request";
import { getCurrentUser } from "./session";
import { resolveTenantContext } from "./tenant";

export function errorResponse(error: unknown, requestId: string): NextResponse {
  if (isAppError(error)) {
    return NextResponse.json(
      { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } },
      { status: error.status, headers: { "x-request-id": requestId } },
    );
  }
  logger.error("request failed", { requestId, error });
  return NextResponse.json(
    { error: { code: "internal", message: `Something went wrong (reference ${requestId}).` } },
    { status: 500, headers: { "x-request-id": requestId } },
  );
}

type Handler<C, P> = (request: Request, ctx: C, params: P) => Promise<Response | unknown>;

function respond(result: Response | unknown, requestId: string): Response {
  if (result instanceof Response) {
    result.headers.set("x-request-id", requestId);
    return result;
  }
  return NextResponse.json(result, { headers: { "x-request-id": requestId } });
}

/** A session-authenticated route on `/…/[slug]/…` needing `permission` in that tenant. */
export function withTenantRoute<P extends { slug: string }>(
  permission: Permission | null,
  handler: Handler<TenantContext, P>,
) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const requestId = request.headers.get("x-request-id") ?? newRequestId();
    try {
      const params = await context.params;
      const user = await getCurrentUser();
      if (!user) throw AppError.unauthorized();
      const ctx = await resolveTenantContext(user, params.slug);
      if (!ctx) throw AppError.notFound("Workspace not found.");
      if (permission && !can(ctx.role, permission)) throw AppError.forbidden();
      return respond(await handler(request, ctx, params), requestId);
    } catch (error) {
      return errorResponse(error, requestId);
    }
  };
}

/** A session-authenticated route for platform operators. */
export function withOperatorRoute<P>(handler: Handler<SessionOperator, P>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const requestId = request.headers.get("x-request-id") ?? newRequestId();
    try {
      const user = await getCurrentUser();
      if (!user) throw AppError.unauthorized();
      const operator = operatorFromUser(user); // 404 for non-operators
      return respond(await handler(request, operator, await context.params), requestId);
    } catch (error) {
      return errorResponse(error, requestId);
    }
  };
}
