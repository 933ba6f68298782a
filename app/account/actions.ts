"use server";

import { AuthError } from "next-auth";
import { redirect, unstable_rethrow } from "next/navigation";

import { signIn, signOut } from "@/lib/auth";
import { changePassword } from "@/lib/auth/accounts";
import { endAllSessions } from "@/lib/auth/sessions";
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
    redirect(`/sign-in?callbackUrl=${encodeURIComponent("/account")}&email=${encodeURIComponent(user.email)}`);
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
