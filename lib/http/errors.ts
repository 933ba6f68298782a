// One error type for the whole app. A code maps to an HTTP status; the message is safe to
// show; `details` carries field errors. Anything else that escapes is logged with a request id
// and answered as a generic 500, never shown raw.
import { z } from "zod";

export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
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

  static fromZod(error: z.ZodError, message = "Some fields are not valid."): AppError {
    return new AppError("validation_failed", message, fieldErrors(error));
  }
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

/** Parses input with a schema or throws a validation AppError with field errors. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw AppError.fromZod(result.error);
  return result.data;
}

/** Unique-constraint violations from Prisma, mapped to a conflict on the given field. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}
