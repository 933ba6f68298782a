import { z } from "zod";

import { defineRoute } from "../define";

export const pingResponse = z.object({ ok: z.literal(true), service: z.literal("tessera") }).meta({ id: "Ping" });

export const ping = defineRoute({
  operationId: "ping",
  method: "GET",
  path: "/api/v1/ping",
  tag: "System",
  summary: "Check an API key",
  description:
    "Answers for any valid key (tenant or platform), through the full gate: key check, rate limit and usage count.",
  audience: "any",
  scope: null,
  response: pingResponse,
});
