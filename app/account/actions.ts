"use server";

import { redirect } from "next/navigation";

import { refreshSession } from "@/lib/auth";
import { changePassword } from "@/lib/auth/accounts";
import { userAction, type ActionState } from "@/lib/http/action";

const run = userAction("account.change-password", async (user, input) => {
  await changePassword(user, {
    currentPassword: input.currentPassword ?? "",
    newPassword: input.newPassword ?? "",
    confirmPassword: input.confirmPassword ?? "",
  });
  // Other sessions end with the change; this one is re-issued so the user stays signed in here.
  // A fresh navigation (not this action's re-render) then reads the re-issued session cookie.
  await refreshSession({});
  redirect("/account?password=changed");
});

/** Changes the signed-in user's password (fields: currentPassword, newPassword, confirmPassword). */
export async function changePasswordAction(prev: ActionState, form: FormData): Promise<ActionState> {
  return run(prev, form);
}
