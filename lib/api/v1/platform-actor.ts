import type { ApiContext } from "../../http/api-auth";
import type { Actor } from "../../tenancy/audit";

/**
 * Who the audit log names for a platform call: the operator for a session call; for a platform
 * key there is no user, so the key's visible start (the audit log keeps actorId null).
 */
export function platformActor(ctx: Pick<ApiContext, "apiKey" | "user">): Actor & { id: string } {
  if (ctx.user) return { id: ctx.user.id, email: ctx.user.email };
  // adminCreateTenant's type wants an id, but it only writes it to nullable audit/invitation columns.
  return { id: null, email: `platform-key:${ctx.apiKey?.start ?? "unknown"}` } as unknown as Actor & { id: string };
}
