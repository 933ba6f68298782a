// One error type for the whole app. A code maps to an HTTP status; the message is safe to
// show; `details` carries field errors. Anything else that escapes is logged with a request id
// and answered as a generic 500, never shown raw.
import { z } from "zod";

import { textErrors } from "./text";

export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  limit_exceeded: 403,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: FieldErrors | Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: FieldErrors | Record<string, unknown>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  static notFound(what = "Not found"): AppError {
    return new AppError("not_found", what);
  }

  static forbidden(message = "You do not have permission to do that."): AppError {
    return new AppError("forbidden", message);
  }

  static unauthorized(message = "Sign in to continue."): AppError {
    return new AppError("unauthorized", message);
  }

  /** 400 with field errors; 413 when a field is over a size limit (see `addTooLargeIssue`). */
  static fromZod(error: z.ZodError, message = "Some fields are not valid."): AppError {
    if (error.issues.some(isTooLargeIssue)) {
      return new AppError("payload_too_large", "The request is larger than this endpoint accepts.", fieldErrors(error));
    }
    return new AppError("validation_failed", message, fieldErrors(error));
  }
}

const TOO_LARGE = "payload_too_large";

/** Adds an issue that makes the whole request a 413 (a size limit, not a wrong value). */
export function addTooLargeIssue(ctx: z.RefinementCtx, message: string, path?: PropertyKey[]): void {
  ctx.addIssue({ code: "custom", message, params: { [TOO_LARGE]: true }, ...(path ? { path } : {}) });
}

function isTooLargeIssue(issue: z.core.$ZodIssue): boolean {
  return issue.code === "custom" && Boolean((issue.params as Record<string, unknown> | undefined)?.[TOO_LARGE]);
}

export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

export type Validated<T> = { success: true; data: T } | { success: false; error: AppError };

/**
 * Parses input with a schema, then applies the boundary's text rule (lib/text.ts) to every
 * string the schema accepted: the result, or a validation AppError with field errors.
 */
export function validateInput<S extends z.ZodType>(schema: S, input: unknown): Validated<z.infer<S>> {
  const result = schema.safeParse(input);
  if (!result.success) return { success: false, error: AppError.fromZod(result.error) };
  const bad = textErrors(result.data);
  if (Object.keys(bad).length > 0) {
    return { success: false, error: new AppError("validation_failed", "Some fields are not valid.", bad) };
  }
  return { success: true, data: result.data };
}

/** Parses input with a schema (and the text rule) or throws a validation AppError with field errors. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = validateInput(schema, input);
  if (!result.success) throw result.error;
  return result.data;
}

/** Unique-constraint violations from Prisma, mapped to a conflict on the given field. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}
