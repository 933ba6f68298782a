"use server";
// Sign-in, sign-up and sign-out. These are public endpoints: every input is validated, every
// redirect target goes through safeCallbackUrl, and passwords are never logged or echoed back.
import { AuthError, type CredentialsSignin } from "next-auth";
import { redirect, unstable_rethrow } from "next/navigation";
import { z } from "zod";

import { signIn, signOut } from "@/lib/auth";
import { registerUser } from "@/lib/auth/accounts";
import { DEFAULT_AFTER_SIGN_IN, DEFAULT_AFTER_SIGN_UP, authPageUrl, safeCallbackUrl } from "@/lib/auth/callback-url";
import { signInSchema } from "@/lib/auth/credentials";
import { oauthProviders } from "@/lib/env";
import { actionSubject, withAbuseLimit } from "@/lib/http/abuse-limits";
import { toErrorState, type ActionState } from "@/lib/http/action";
import { fieldErrors } from "@/lib/errors";
import { logger } from "@/lib/observability/logger";

/** Form state of the sign-in and sign-up forms: the action state plus the values to keep. */
export type AuthFormState = ActionState & { values?: { email?: string; name?: string } };

const SIGN_IN_MESSAGES = {
  invalid_credentials: "Email or password is incorrect.",
  rate_limited: "Too many attempts. Wait a little, then try again.",
  failed: "Sign-in failed. Try again.",
} as const;

function text(form: FormData, key: string, max = 500): string {
  const value = form.get(key);
  return typeof value === "string" ? value.slice(0, max) : "";
}

function invalid(error: z.ZodError, values: AuthFormState["values"]): AuthFormState {
  return {
    status: "error",
    code: "validation_failed",
    message: "Check the highlighted fields.",
    fieldErrors: fieldErrors(error),
    values,
  };
}

/** Maps an Auth.js sign-in failure to a message; anything else is rethrown or logged. */
function signInFailure(error: unknown, values: AuthFormState["values"]): AuthFormState {
  unstable_rethrow(error); // the success redirect
  if (error instanceof AuthError) {
    const code = error.type === "CredentialsSignin" ? (error as CredentialsSignin).code : undefined;
    if (code === "rate_limited") {
      return { status: "error", code: "rate_limited", message: SIGN_IN_MESSAGES.rate_limited, values };
    }
    if (code === "invalid_credentials" || error.type === "CredentialsSignin") {
      return { status: "error", code: "unauthorized", message: SIGN_IN_MESSAGES.invalid_credentials, values };
    }
    // Not the person's fault (e.g. the database was unreachable inside authorize): log the type only.
    logger.warn("sign-in failed", { type: error.type });
    return { status: "error", code: "unavailable", message: SIGN_IN_MESSAGES.failed, values };
  }
  return { ...toErrorState(error, "auth.sign-in"), values };
}

/** Email + password sign-in (form fields: email, password, callbackUrl). */
export async function signInAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const email = text(form, "email", 320).trim();
  const values = { email };
  const parsed = signInSchema.safeParse({ email, password: text(form, "password", 1000) });
  if (!parsed.success) return invalid(parsed.error, values);
  const redirectTo = safeCallbackUrl(form.get("callbackUrl"), DEFAULT_AFTER_SIGN_IN);
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo });
  } catch (error) {
    return signInFailure(error, values);
  }
  return { status: "success", values };
}

/** Registration (form fields: name, email, password, callbackUrl), then sign-in. */
export async function signUpAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const input = {
    name: text(form, "name", 500),
    email: text(form, "email", 320).trim(),
    password: text(form, "password", 1000),
  };
  const values = { name: input.name, email: input.email };
  const redirectTo = safeCallbackUrl(form.get("callbackUrl"), DEFAULT_AFTER_SIGN_UP);
  let email: string;
  try {
    ({ email } = await withAbuseLimit("sign_up", await actionSubject(), () => registerUser(input)));
  } catch (error) {
    return { ...toErrorState(error, "auth.sign-up"), values };
  }
  try {
    await signIn("credentials", { email, password: input.password, redirectTo });
  } catch (error) {
    unstable_rethrow(error);
    // The account exists; let the person sign in by hand (e.g. when sign-in is throttled).
    const failure = signInFailure(error, values);
    if (failure.status === "error" && failure.code !== "internal") {
      redirect(`${authPageUrl("/sign-in", { callbackUrl: redirectTo, email })}&created=1`);
    }
    return failure;
  }
  return { status: "success", values };
}

const oauthSchema = z.object({ provider: z.enum(["github", "google"]) });

/** "Continue with GitHub/Google": bind the provider and callback URL (`action.bind(null, "github", "/t/acme")`). */
export async function oauthSignInAction(provider: string, callbackUrl: string | null): Promise<void> {
  const parsed = oauthSchema.safeParse({ provider });
  if (!parsed.success || !oauthProviders[parsed.data.provider]) redirect("/sign-in?error=Configuration");
  await signIn(parsed.data.provider, { redirectTo: safeCallbackUrl(callbackUrl, DEFAULT_AFTER_SIGN_IN) });
}

/**
 * Signs out and redirects (to the form's optional `redirectTo` field when it is a safe relative
 * path, "/" otherwise). Use it as a form action anywhere: `<form action={signOutAction}>`.
 */
export async function signOutAction(form?: FormData): Promise<void> {
  const redirectTo = safeCallbackUrl(form instanceof FormData ? form.get("redirectTo") : undefined, "/");
  await signOut({ redirectTo });
}
