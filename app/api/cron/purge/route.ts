import { cronRoute } from "@/lib/http/cron";
import { purgeDeletedTenants } from "@/lib/lifecycle/tenants";
import { otherMethods } from "@/lib/http/methods";

export const dynamic = "force-dynamic";

/** Hard-deletes tenants whose soft-delete grace period has passed: { purged }. */
export const POST = cronRoute("purge", async () => ({ purged: await purgeDeletedTenants() }));

// Other methods: 405 with Allow and the JSON error body (lib/http/methods.ts).
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
