import {
  listUsageEventsQuery,
  recordUsageEventsResult,
  recordUsageEventsSchema,
  usageEventResource,
} from "../../usage/events";
import { defineRoute } from "../define";
import { listOf } from "./common";
import { usageSummaryResource } from "./serializers";

export const getUsage = defineRoute({
  operationId: "getUsage",
  method: "GET",
  path: "/api/v1/usage",
  tag: "Usage",
  summary: "Usage this month",
  description:
    "Usage of the current calendar month (UTC) against the effective tier's limits, with the daily series of API calls " +
    "and the calls per key and per route. API call counts include calls made a moment ago.",
  audience: "tenant",
  scope: "usage:read",
  response: usageSummaryResource,
});

export const listUsageEvents = defineRoute({
  operationId: "listUsageEvents",
  method: "GET",
  path: "/api/v1/usage/events",
  tag: "Usage",
  summary: "List usage events",
  description: "Recorded metered events, newest first.",
  audience: "tenant",
  scope: "usage:read",
  query: listUsageEventsQuery.extend({
    limit: listUsageEventsQuery.shape.limit.describe("Page size, 1–100."),
    cursor: listUsageEventsQuery.shape.cursor.describe("The next_cursor of the previous page."),
    event_name: listUsageEventsQuery.shape.event_name.describe("Only events of this meter."),
  }),
  response: listOf(usageEventResource, "UsageEvent"),
});

export const recordUsageEvents = defineRoute({
  operationId: "recordUsageEvents",
  method: "POST",
  path: "/api/v1/usage/events",
  tag: "Usage",
  summary: "Record usage events",
  description:
    "Records up to 100 metered events. Every event carries your idempotency key (id): retrying a batch is safe, " +
    "events already recorded are listed in duplicates and not stored again. Answers 200 once the new events are " +
    "stored durably; billing reports them to the payment provider later.",
  audience: "tenant",
  scope: "usage:write",
  body: recordUsageEventsSchema,
  response: recordUsageEventsResult,
  status: 200,
  errors: ["limit_exceeded"],
});
