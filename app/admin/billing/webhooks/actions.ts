"use server";
// Webhook operations for operators: replay one stored event, retry every due one now. Each action
// is a public endpoint: operatorAction signs the caller in and answers 404-style for non-operators.
import { z } from "zod";

import { adminReplayWebhook, adminRetryDueWebhooks, type ReplayResult } from "@/lib/billing/admin";
import { operatorAction } from "@/lib/http/action";
import { parseInput } from "@/lib/errors";

const eventTarget = z.object({ eventId: z.string().trim().min(1, "No event given.").max(64) });

export const replayWebhookAction = operatorAction<ReplayResult>("admin.replayWebhook", async (operator, input) => {
  const result = await adminReplayWebhook(operator, parseInput(eventTarget, input).eventId);
  return { message: result.message, data: result };
});

export const retryDueWebhooksAction = operatorAction<Record<string, number>>(
  "admin.retryDueWebhooks",
  async (operator) => {
    const { counts, message } = await adminRetryDueWebhooks(operator);
    return { message, data: counts };
  },
);
