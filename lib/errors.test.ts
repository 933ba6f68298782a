import { describe, expect, it } from "vitest";
import { z } from "zod";

import { AppError, ERROR_STATUS, fieldErrors, isAppError, isUniqueViolation, parseInput } from "./errors";

describe("AppError", () => {
  it("maps every code to its HTTP status", () => {
    expect(ERROR_STATUS).toEqual({
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
    });
    for (const code of Object.keys(ERROR_STATUS) as (keyof typeof ERROR_STATUS)[]) {
      expect(new AppError(code, "x").status).toBe(ERROR_STATUS[code]);
    }
  });

  it("is an Error with a code, a safe message and details", () => {
    const error = new AppError("conflict", "That slug is taken.", { slug: ["taken"] });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("AppError");
    expect(error.code).toBe("conflict");
    expect(error.message).toBe("That slug is taken.");
    expect(error.details).toEqual({ slug: ["taken"] });
    expect(error.stack).toBeDefined();
  });

  it("has shorthands with safe default messages", () => {
    expect(AppError.notFound()).toMatchObject({ code: "not_found", status: 404, message: "Not found" });
    expect(AppError.notFound("No such tenant")).toMatchObject({ message: "No such tenant" });
    expect(AppError.forbidden()).toMatchObject({ code: "forbidden", status: 403 });
    expect(AppError.unauthorized()).toMatchObject({
      code: "unauthorized",
      status: 401,
      message: "Sign in to continue.",
    });
  });

  it("tells AppErrors from other errors", () => {
    expect(isAppError(AppError.notFound())).toBe(true);
    expect(isAppError(new Error("boom"))).toBe(false);
    expect(isAppError({ code: "not_found", message: "fake" })).toBe(false);
    expect(isAppError(null)).toBe(false);
  });
});

describe("input validation", () => {
  const schema = z.object({
    name: z.string().min(2, "Too short"),
    owner: z.object({ email: z.email("Not an email") }),
    tags: z.array(z.string()).max(1, "One tag at most"),
  });

  it("returns the parsed value when the input is valid", () => {
    const input = { name: "Acme", owner: { email: "a@acme.test" }, tags: ["x"], extra: true };
    expect(parseInput(schema, input)).toEqual({ name: "Acme", owner: { email: "a@acme.test" }, tags: ["x"] });
  });

  it("throws a 400 with every field's errors keyed by dotted path", () => {
    let caught: unknown;
    try {
      parseInput(schema, { name: "A", owner: { email: "nope" }, tags: ["a", "b"] });
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught)).toBe(true);
    const error = caught as AppError;
    expect(error.code).toBe("validation_failed");
    expect(error.status).toBe(400);
    expect(error.message).toBe("Some fields are not valid.");
    expect(error.details).toEqual({ name: ["Too short"], "owner.email": ["Not an email"], tags: ["One tag at most"] });
  });

  it("collects several messages for one field, and root errors under _", () => {
    const multi = z.string().min(5, "min 5").regex(/^\d+$/, "digits only");
    const result = multi.safeParse("ab");
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!)).toEqual({ _: ["min 5", "digits only"] });
  });
});

describe("isUniqueViolation", () => {
  it("recognises Prisma's P2002 and nothing else", () => {
    expect(isUniqueViolation({ code: "P2002", meta: { target: ["slug"] } })).toBe(true);
    expect(isUniqueViolation({ code: "P2025" })).toBe(false);
    expect(isUniqueViolation(new Error("P2002"))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
    expect(isUniqueViolation("P2002")).toBe(false);
  });
});
