"use server";

import { redirect } from "next/navigation";
import { z } from "zod";

import { confirmEmailVerification } from "@/lib/auth/email-verification";
import { userAction, type ActionState } from "@/lib/http/action";
import { parseInput } from "@/lib/errors";

const tokenSchema = z.string().trim().min(1, "This link is not valid.").max(600, "This link is not valid.");

const confirm = (token: string) =>
  userAction("email.verify", async (user) => {
    await confirmEmailVerification(parseInput(tokenSchema, token), user);
    redirect("/account?verified=1");
  });

/** Confirms the signed-in user's email address with a link made for them. Bind the token first. */
export async function confirmEmailAction(token: string, prev: ActionState, form?: FormData): Promise<ActionState> {
  return confirm(token)(prev, form);
}
