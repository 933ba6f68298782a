"use server";

import { AuthError } from "next-auth";
import { redirect, unstable_rethrow } from "next/navigation";

import { signIn, signOut } from "@/lib/auth";
import { changePassword } from "@/lib/auth/accounts";
import { authPageUrl } from "@/lib/auth/callback-url";
import { issueEmailVerification, VERIFICATION_TTL_HOURS } from "@/lib/auth/email-verification";
import { endAllSessions } from "@/lib/auth/sessions";
import { emailDelivery } from "@/lib/email/send";
import { actionSubject, withAbuseLimit } from "@/lib/http/abuse-limits";
import { userAction, type ActionState } from "@/lib/http/action";

const run = userAction("account.change-password", async (user, input) => {
  const newPassword = input.newPassword ?? "";
  await changePassword(user, {
    currentPassword: input.currentPassword ?? "",
    newPassword,
    confirmPassword: input.confirmPassword ?? "",
  });
  // The change ended every session, this one included; sign this browser in again with the new
  // password (a fresh session under the new session version).
  try {
    await signIn("credentials", { email: user.email, password: newPassword, redirect: false });
  } catch (error) {
    unstable_rethrow(error);
    if (!(error instanceof AuthError)) throw error;
    // (Throttled, say.) The password is changed; signing in again by hand works.
    redirect(authPageUrl("/sign-in", { callbackUrl: "/account", email: user.email }));
  }
  redirect("/account?password=changed");
});

/** Changes the signed-in user's password (fields: currentPassword, newPassword, confirmPassword). */
export async function changePasswordAction(prev: ActionState, form: FormData): Promise<ActionState> {
  return run(prev, form);
}

const signOutEverywhere = userAction("account.sign-out-everywhere", async (user) => {
  await endAllSessions(user.id);
  // This browser's session ended with the others; clear its cookie too.
  await signOut({ redirectTo: "/sign-in?signedOut=all" });
});

/** "Sign out of all sessions": ends every session of the user, this one included. */
export async function signOutEverywhereAction(prev: ActionState): Promise<ActionState> {
  return signOutEverywhere(prev);
}

const resendVerification = userAction<{ emailed: boolean }>("account.resend-verification", async (user) => {
  const sent = await withAbuseLimit("verification_email", await actionSubject(user.id), () =>
    issueEmailVerification(user),
  );
  return {
    message: sent.emailed
      ? `We sent a new link to ${sent.email}. It works once, for ${VERIFICATION_TTL_HOURS} hours.`
      : emailDelivery() === "log"
        ? "Email is not configured on this server (SMTP_URL is unset): the link was written to the server log."
        : "This server cannot send email yet (SMTP_URL is unset), so no link was sent. Ask your operator.",
    data: { emailed: sent.emailed },
  };
});

/** Sends the signed-in user a new link that verifies their email address. */
export async function resendVerificationAction(
  prev: ActionState<{ emailed: boolean }>,
): Promise<ActionState<{ emailed: boolean }>> {
  return resendVerification(prev);
}
