"use server";

import { redirect } from "next/navigation";
import { z } from "zod";

import { userAction, type ActionState } from "@/lib/http/action";
import { parseInput } from "@/lib/errors";
import { acceptInvitation } from "@/lib/tenancy/invitations";

const tokenSchema = z
  .string()
  .trim()
  .min(1, "This invitation link is not valid.")
  .max(400, "This invitation link is not valid.");

const accept = (token: string) =>
  userAction("invitation.accept", async (user) => {
    const { slug } = await acceptInvitation(parseInput(tokenSchema, token), user);
    redirect(`/t/${slug}`);
  });

/** Accepts the invitation for the signed-in user, then opens the workspace. Bind the token first. */
export async function acceptInvitationAction(token: string, prev: ActionState, form?: FormData): Promise<ActionState> {
  return accept(token)(prev, form);
}
