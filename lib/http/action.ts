// Server actions are public endpoints. These wrappers authenticate, resolve the tenant,
// check the declared permission, and turn errors into a state forms can show (field errors
// included). Unknown errors are logged with a request id and never shown raw.
import "server-only";

import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";

import { logger } from "../observability/logger";
import type { SessionUser, TenantContext } from "../tenancy/context";
import { can, type Permission } from "../tenancy/permissions";
import { AppError, isAppError, type ErrorCode, type FieldErrors } from "@/lib/errors";
import { operatorFromUser, type SessionOperator } from "./operator";
import { newRequestId } from "./request";
import { getCurrentUser } from "./session";
import { resolveTenantContext } from "./tenant";
import type { FormInput } from "../form-input";

export type ActionState<T = unknown> =
  | { status: "idle" }
  | { status: "success"; message?: string; data?: T }
  | { status: "error"; code: ErrorCode; message: string; fieldErrors?: FieldErrors; requestId?: string };

export interface ActionSuccess<T> {
  message?: string;
  data?: T;
}

export type { FormInput };

function formToObject(form: FormData | FormInput | undefined): FormInput {
  if (!form) return {};
  if (!(form instanceof FormData)) return form;
  const out: FormInput = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION")) out[key] = value;
  }
  return out;
}

export function toErrorState(error: unknown, where: string): ActionState<never> {
  unstable_rethrow(error);
  if (isAppError(error)) {
    const fieldErrors =
      error.code === "validation_failed" || error.code === "conflict"
        ? (error.details as FieldErrors | undefined)
        : undefined;
    return { status: "error", code: error.code, message: error.message, fieldErrors };
  }
  const requestId = newRequestId();
  logger.error("action failed", { where, requestId, error });
  return { status: "error", code: "internal", message: `Something went wrong (reference ${requestId}).`, requestId };
}

/** An action for any signed-in user. */
export function userAction<T>(
  name: string,
  handler: (user: SessionUser, input: FormInput) => Promise<ActionSuccess<T> | void>,
) {
  return async (_prev: ActionState<T>, form?: FormData | FormInput): Promise<ActionState<T>> => {
    try {
      const user = await getCurrentUser();
      if (!user) throw AppError.unauthorized();
      const result = (await handler(user, formToObject(form))) ?? {};
      return { status: "success", ...result };
    } catch (error) {
      return toErrorState(error, name);
    }
  };
}

/** An action on a tenant (bind the slug first: `action.bind(null, slug)`), needing `permission`. */
export function tenantAction<T>(
  name: string,
  permission: Permission | null,
  handler: (ctx: TenantContext, input: FormInput) => Promise<ActionSuccess<T> | void>,
) {
  return async (slug: string, _prev: ActionState<T>, form?: FormData | FormInput): Promise<ActionState<T>> => {
    try {
      const user = await getCurrentUser();
      if (!user) throw AppError.unauthorized();
      const ctx = await resolveTenantContext(user, slug);
      if (!ctx) throw AppError.notFound("Workspace not found.");
      if (permission && !can(ctx.role, permission)) throw AppError.forbidden();
      const result = (await handler(ctx, formToObject(form))) ?? {};
      revalidatePath(`/t/${ctx.tenant.slug}`, "layout");
      return { status: "success", ...result };
    } catch (error) {
      return toErrorState(error, name);
    }
  };
}

/** An action for platform operators only. */
export function operatorAction<T>(
  name: string,
  handler: (operator: SessionOperator, input: FormInput) => Promise<ActionSuccess<T> | void>,
  /** revalidate: false for read-only or step-wise actions (a scan in steps) that must not re-render /admin each time. */
  { revalidate = true }: { revalidate?: boolean } = {},
) {
  return async (_prev: ActionState<T>, form?: FormData | FormInput): Promise<ActionState<T>> => {
    try {
      const user = await getCurrentUser();
      if (!user) throw AppError.unauthorized();
      const operator = operatorFromUser(user); // 404 for non-operators
      const result = (await handler(operator, formToObject(form))) ?? {};
      if (revalidate) revalidatePath("/admin", "layout");
      return { status: "success", ...result };
    } catch (error) {
      return toErrorState(error, name);
    }
  };
}
