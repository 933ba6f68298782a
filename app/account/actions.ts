"use server";

import { changePassword } from "@/lib/auth/accounts";
import { userAction, type ActionState } from "@/lib/http/action";

const run = userAction("account.change-password", async (user, input) => {
  await changePassword(user, {
    currentPassword: input.currentPassword ?? "",
    newPassword: input.newPassword ?? "",
    confirmPassword: input.confirmPassword ?? "",
  });
  return { message: "Your password was changed." };
});

/** Changes the signed-in user's password (fields: currentPassword, newPassword, confirmPassword). */
export async function changePasswordAction(prev: ActionState, form: FormData): Promise<ActionState> {
  return run(prev, form);
}
