// Input schemas of accounts: the email address every form and the API accept, sign-up and password
// change (the password rules are lib/auth/password-policy.ts's). Tenancy's invitations reuse the
// email schema.
import { z } from "zod";

import { singleLineText } from "@/lib/text";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-policy";

/**
 * Trimmed and lower-cased before the format check, so " Ann@Example.com " is accepted. At most 254
 * characters, the longest address SMTP can carry (RFC 5321's 256-octet path less the brackets).
 */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Use at most 254 characters.")
  .pipe(z.email("Enter a valid email address."));

export const signUpSchema = z.object({
  name: singleLineText().min(1, "Enter your name.").max(80),
  email: emailSchema,
  password: z
    .string()
    .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
    .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`),
});

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password."),
    newPassword: z
      .string()
      .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
      .max(PASSWORD_MAX_LENGTH),
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "Passwords do not match.",
  });
