import { cronRoute } from "@/lib/http/cron";
import { purgeDeletedTenants } from "@/lib/tenancy/admin";

export const dynamic = "force-dynamic";

/** Hard-deletes tenants whose soft-delete grace period has passed: { purged }. */
export const POST = cronRoute("purge", async () => ({ purged: await purgeDeletedTenants() }));
