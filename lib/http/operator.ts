// The authorised platform operator. Reads across tenants (the console's lists, reports and
// exports, the platform tenants API) take an `Operator` as their first argument, so they cannot be
// called without one. Only the request boundary mints it — requireOperator() for pages and
// loaders, operatorAction, withOperatorRoute, and apiRoute for the platform audience — through
// the two functions below, each of which checks the caller first (ESLint refuses their import
// anywhere else). The type carries a unique-symbol brand, so a user object does not typecheck as
// an Operator; the read functions also check at run time that the value was minted here, so a
// cast (or a copy) does not get through either.
import "server-only";

import type { SessionUser } from "../tenancy/context";
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

function mint<T extends Operator>(fields: Omit<T, typeof brand>): T {
  const operator = Object.freeze({ ...fields }) as unknown as T;
  minted.add(operator);
  return operator;
}

/** The one check for a signed-in user: a platform operator, or 404 (the console is not advertised). */
export function operatorFromUser(user: SessionUser): SessionOperator {
  if (user.isPlatformAdmin !== true) throw AppError.notFound();
  const { id, email, name, isPlatformAdmin } = user;
  return mint<SessionOperator>({ via: "session", id, email, name, isPlatformAdmin });
}

/** A platform API key on a platform route (apiRoute has checked that it is live and has the scope). */
export function operatorFromPlatformKey(key: { kind: string; tenant: unknown; start: string }): Operator {
  if (key.kind !== "PLATFORM" || key.tenant) throw AppError.forbidden("This endpoint needs a platform key.");
  return mint<Operator>({ via: "platform_key", id: null, email: `platform-key:${key.start}` });
}

export function isOperator(value: unknown): value is Operator {
  return typeof value === "object" && value !== null && minted.has(value);
}

/** Refuses (404, like every operator-only answer) anything but an Operator minted above. */
export function assertOperator(value: unknown): asserts value is Operator {
  if (!isOperator(value)) throw AppError.notFound();
}
