// The authorised platform operator. Reads across tenants (the console's lists, reports and
// exports, the platform tenants API) take an `Operator` as their first argument, so they cannot be
// called without one. Only the request boundary mints it (lib/http/operator.ts: requireOperator()
// for pages and loaders, operatorAction, withOperatorRoute, and apiRoute for the platform
// audience) through mintOperator below, which ESLint lets no other module import. The type
// carries a unique-symbol brand, so a user object does not typecheck as an Operator; the read
// functions also check at run time that the value was minted here, so a cast (or a copy) does not
// get through either. It lives beside TenantContext (the other authorised caller) so that domains
// take it without importing the request layer.
import "server-only";

import type { SessionUser } from "./context";
import { AppError } from "@/lib/errors";

declare const brand: unique symbol;

export interface Operator {
  readonly [brand]: true;
  /** How the operator authenticated: a signed-in operator, or a platform API key (no user). */
  readonly via: "session" | "platform_key";
  /** The operator's user id; null for a platform key. */
  readonly id: string | null;
  /** Who logs and the audit log name: the operator's email, or `platform-key:<start>`. */
  readonly email: string;
}

/** A signed-in operator (pages, console actions and routes): also the SessionUser it is. */
export type SessionOperator = Operator & SessionUser & { readonly via: "session"; readonly id: string };

const minted = new WeakSet<object>();

/** Only lib/http/operator.ts calls this, after checking the caller (ESLint enforces it). */
export function mintOperator<T extends Operator>(fields: Omit<T, typeof brand>): T {
  const operator = Object.freeze({ ...fields }) as unknown as T;
  minted.add(operator);
  return operator;
}

export function isOperator(value: unknown): value is Operator {
  return typeof value === "object" && value !== null && minted.has(value);
}

/** Refuses (404, like every operator-only answer) anything but an Operator minted above. */
export function assertOperator(value: unknown): asserts value is Operator {
  if (!isOperator(value)) throw AppError.notFound();
}
