// Accounts: registration with email + password, password changes, and the profile shown on
// /account. Passwords are hashed here (scrypt, ./password.ts) and never logged or returned.
import "server-only";

import type { z } from "zod";

import { clearFixedWindow, hitFixedWindow } from "../cache/rate-limit";
import { getDb } from "../db/client";
import { AppError, isUniqueViolation, parseInput } from "@/lib/errors";
import { changePasswordSchema, signUpSchema } from "./schemas";
import { logger } from "../observability/logger";
import { issueEmailVerification } from "./email-verification";
import { hashPassword, verifyPassword } from "./password";
import { endSessionsUpdate } from "./sessions";

export const EMAIL_TAKEN_MESSAGE = "An account with this email already exists.";
export const WRONG_PASSWORD_MESSAGE = "Your current password is incorrect.";

/** Password-change attempts per user in 15 minutes (guards a stolen session against guessing). */
export const CHANGE_PASSWORD_ATTEMPTS = 10;
const CHANGE_PASSWORD_WINDOW_MS = 15 * 60 * 1000;

export interface AccountUser {
  id: string;
  email: string;
  name: string | null;
}

export interface AccountProfile extends AccountUser {
  /** False for accounts created through GitHub/Google that never set a password. */
  hasPassword: boolean;
  /** When the address was verified (lib/auth/email-verification.ts); null until then. */
  emailVerified: Date | null;
  createdAt: Date;
}

const emailTaken = () => new AppError("conflict", EMAIL_TAKEN_MESSAGE, { email: [EMAIL_TAKEN_MESSAGE] });

/**
 * Creates a user with an email + password (a taken email is a conflict on the `email` field) and
 * sends them the link that verifies the address.
 */
export async function registerUser(input: z.input<typeof signUpSchema>): Promise<AccountUser> {
  const data = parseInput(signUpSchema, {
    ...input,
    // The schema checks the format before it trims, so trim first.
    email: typeof input?.email === "string" ? input.email.trim() : input?.email,
  });
  const db = await getDb();
  const existing = await db.user.findUnique({ where: { email: data.email }, select: { id: true } });
  if (existing) throw emailTaken();
  const passwordHash = await hashPassword(data.password);
  let user: AccountUser;
  try {
    user = await db.user.create({
      data: { email: data.email, name: data.name, passwordHash },
      select: { id: true, email: true, name: true },
    });
  } catch (error) {
    // Two sign-ups racing for one address: the unique index decides.
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
  // The account exists either way; a failed send can be repeated from the account page.
  await issueEmailVerification(user).catch((error: unknown) =>
    logger.error("verification email not issued", { userId: user.id, error }),
  );
  return user;
}

/** Changes the password of `user` after verifying the current one. */
export async function changePassword(user: { id: string }, input: z.input<typeof changePasswordSchema>): Promise<void> {
  const data = parseInput(changePasswordSchema, input);
  const limit = await hitFixedWindow(`password-change:${user.id}`, CHANGE_PASSWORD_ATTEMPTS, CHANGE_PASSWORD_WINDOW_MS);
  if (!limit.allowed) throw new AppError("rate_limited", "Too many attempts. Try again in a few minutes.");
  const db = await getDb();
  const row = await db.user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
  if (!row) throw AppError.unauthorized();
  if (!row.passwordHash || !(await verifyPassword(data.currentPassword, row.passwordHash))) {
    throw new AppError("validation_failed", WRONG_PASSWORD_MESSAGE, { currentPassword: [WRONG_PASSWORD_MESSAGE] });
  }
  if (data.newPassword === data.currentPassword) {
    const message = "Choose a password different from your current one.";
    throw new AppError("validation_failed", message, { newPassword: [message] });
  }
  // Every session issued before now stops working (the session version moves on); the caller
  // signs this browser in again with the new password.
  await db.user.update({
    where: { id: user.id },
    data: { passwordHash: await hashPassword(data.newPassword), passwordChangedAt: new Date(), ...endSessionsUpdate },
  });
  await clearFixedWindow(`password-change:${user.id}`, CHANGE_PASSWORD_WINDOW_MS);
}

/** The profile shown on /account. */
export async function getAccountProfile(userId: string): Promise<AccountProfile | null> {
  const db = await getDb();
  const row = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, passwordHash: true, createdAt: true, emailVerified: true },
  });
  if (!row) return null;
  const { passwordHash, ...profile } = row;
  return { ...profile, hasPassword: Boolean(passwordHash) };
}
