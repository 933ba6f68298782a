// Who owns an email address. An address is verified by a link sent to it: signed (HMAC with a
// key derived from AUTH_SECRET over user, address, expiry and a random nonce), expiring
// (VERIFICATION_TTL_HOURS) and single-use (the nonce's hash is a VerificationToken row, deleted
// when the link is used; a newer link replaces older ones). Confirming needs the click of a person
// signed in as the account the link was made for: a mail scanner that opens every link, or
// someone who receives a link for an account they did not create, verifies nothing.
//
// What waits for a verified address (docs/decisions.md, "Unverified email addresses"):
// being made owner of a tenant by an operator or the platform API (until then it is an owner
// invitation, as for people without an account) and having an OAuth account linked to the user.
// Links go to APP_URL, never to a host taken from the request.
import "server-only";

import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

import { getDb } from "../db/client";
import { sendEmail } from "../email/send";
import { env } from "../env";
import { AppError } from "@/lib/errors";
import { logger } from "../observability/logger";
import { authSecret } from "./secret";
import { addHours } from "@/lib/calendar";

export const VERIFICATION_TTL_HOURS = 24;
const IDENTIFIER_PREFIX = "email-verification:";
const MAX_TOKEN_LENGTH = 600;

interface Payload {
  /** user id */
  u: string;
  /** the address being verified (lower case) */
  e: string;
  /** random nonce; its sha256 is the stored token */
  n: string;
  /** expiry, epoch ms */
  x: number;
}

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const identifierOf = (userId: string) => `${IDENTIFIER_PREFIX}${userId}`;

function signingKey(): Buffer {
  return createHmac("sha256", authSecret()).update("tessera/email-verification/v1").digest();
}

function sign(body: string): string {
  return createHmac("sha256", signingKey()).update(body).digest("base64url");
}

function encodeToken(payload: Payload): string {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${body}.${sign(body)}`;
}

/** The payload of a well-formed token with a valid signature; null otherwise. */
function decodeToken(token: string): Payload | null {
  if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) return null;
  const [body, signature, ...rest] = token.split(".");
  if (!body || !signature || rest.length > 0 || !/^[A-Za-z0-9_-]+$/.test(body + signature)) return null;
  const expected = Buffer.from(sign(body), "base64url");
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Partial<Payload>;
    if (typeof payload.u !== "string" || typeof payload.e !== "string" || typeof payload.n !== "string") return null;
    if (typeof payload.x !== "number" || !Number.isFinite(payload.x)) return null;
    return payload as Payload;
  } catch {
    return null;
  }
}

export function verificationLink(token: string, baseUrl: string = env.APP_URL): string {
  return `${baseUrl.replace(/\/$/, "")}/verify-email/${token}`;
}

export interface IssuedVerification {
  email: string;
  expiresAt: Date;
  /** False when SMTP is not configured (the link went to the server log in the embedded/dev mode). */
  emailed: boolean;
}

/**
 * Sends `user` a new verification link for their current address (older links stop working).
 * The link is never returned: only the mailbox gets it.
 */
export async function issueEmailVerification(
  user: { id: string },
  { now = new Date() }: { now?: Date } = {},
): Promise<IssuedVerification> {
  const db = await getDb();
  const row = await db.user.findUnique({ where: { id: user.id }, select: { email: true, emailVerified: true } });
  if (!row) throw AppError.unauthorized();
  if (row.emailVerified) throw new AppError("conflict", "Your email address is already verified.");
  const email = row.email.toLowerCase();
  const nonce = randomBytes(24).toString("base64url");
  const expiresAt = addHours(now, VERIFICATION_TTL_HOURS);
  const identifier = identifierOf(user.id);
  await db.$transaction([
    db.verificationToken.deleteMany({ where: { identifier } }),
    db.verificationToken.create({ data: { identifier, token: sha256(nonce), expires: expiresAt } }),
  ]);
  const link = verificationLink(encodeToken({ u: user.id, e: email, n: nonce, x: expiresAt.getTime() }));
  const mail = await sendEmail({
    to: email,
    subject: "Confirm your email address for Tessera",
    text:
      `Confirm that ${email} belongs to your Tessera account:\n\n${link}\n\n` +
      `You will be asked to sign in, then to confirm. The link works once and expires on ${expiresAt.toUTCString()}.\n\n` +
      "If you did not create a Tessera account, ignore this email: nothing happens without your click and your sign-in.",
  });
  return { email, expiresAt, emailed: mail.delivered };
}

export type VerificationPreview =
  | { status: "valid"; email: string; userId: string; expiresAt: Date }
  | { status: "invalid" | "expired" | "used" | "verified" };

/** What a verification link is, for its page (no side effects). */
export async function previewEmailVerification(token: string, now = new Date()): Promise<VerificationPreview> {
  const payload = decodeToken(token);
  if (!payload) return { status: "invalid" };
  const db = await getDb();
  const [user, stored] = await Promise.all([
    db.user.findUnique({ where: { id: payload.u }, select: { email: true, emailVerified: true } }),
    db.verificationToken.findUnique({
      where: { identifier_token: { identifier: identifierOf(payload.u), token: sha256(payload.n) } },
    }),
  ]);
  if (!user || user.email.toLowerCase() !== payload.e) return { status: "invalid" };
  if (user.emailVerified) return { status: "verified" };
  if (payload.x <= now.getTime()) return { status: "expired" };
  if (!stored || stored.expires <= now) return { status: "used" };
  return { status: "valid", email: payload.e, userId: payload.u, expiresAt: new Date(payload.x) };
}

/** Confirms the address of the signed-in `user` with a link made for them; the link is used up. */
export async function confirmEmailVerification(
  token: string,
  user: { id: string },
  now = new Date(),
): Promise<{ email: string }> {
  const payload = decodeToken(token);
  if (!payload) throw AppError.notFound("This verification link is not valid.");
  if (payload.u !== user.id) {
    throw AppError.forbidden("This link confirms the address of another account. Sign in as that account to use it.");
  }
  if (payload.x <= now.getTime()) {
    throw new AppError("bad_request", "This link has expired. Send a new one from your account page.");
  }
  const db = await getDb();
  return db.$transaction(async (tx) => {
    // Single use: only one confirmation can delete the row.
    const used = await tx.verificationToken.deleteMany({
      where: { identifier: identifierOf(user.id), token: sha256(payload.n), expires: { gt: now } },
    });
    if (used.count !== 1) {
      throw new AppError("conflict", "This link was already used or replaced by a newer one.");
    }
    const updated = await tx.user.updateMany({
      where: { id: user.id, email: { equals: payload.e, mode: "insensitive" } },
      data: { emailVerified: now },
    });
    if (updated.count !== 1) throw new AppError("conflict", "Your email address changed since this link was sent.");
    await tx.verificationToken.deleteMany({ where: { identifier: identifierOf(user.id) } });
    logger.info("email address verified", { userId: user.id });
    return { email: payload.e };
  });
}

/** Whether the user's current address is verified. */
export async function emailVerifiedAt(userId: string): Promise<Date | null> {
  const db = await getDb();
  const row = await db.user.findUnique({ where: { id: userId }, select: { emailVerified: true } });
  return row?.emailVerified ?? null;
}
