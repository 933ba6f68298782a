// The platform operator account, ensured at every boot from TESSERA_ADMIN_EMAIL/PASSWORD.
// Without them the documented demo account is used (and printed once), except on a configured
// production PostgreSQL, where no demo password may exist.
import "server-only";

import type { PrismaClient } from "../db/generated/client";
import { env, operatorCredentials, runtimeMode } from "../env";
import { logger } from "../observability/logger";
import { hashPassword, verifyPassword } from "./password";
import { endSessionsUpdate } from "./sessions";

export async function ensureOperator(db: PrismaClient): Promise<void> {
  const { email, password, demo } = operatorCredentials;
  if (demo && env.NODE_ENV === "production" && runtimeMode.database === "postgres") {
    logger.warn("no operator ensured: set TESSERA_ADMIN_EMAIL and TESSERA_ADMIN_PASSWORD");
    return;
  }
  const existing = await db.user.findUnique({ where: { email } });
  if (existing?.isPlatformAdmin && existing.passwordHash && (await verifyPassword(password, existing.passwordHash))) {
    return;
  }
  const passwordHash = await hashPassword(password);
  await db.user.upsert({
    where: { email },
    create: { email, name: "Platform operator", passwordHash, isPlatformAdmin: true, emailVerified: new Date() },
    // A new operator password ends the sessions issued under the old one (or under an account
    // that held this address before it was made the operator's).
    update: {
      passwordHash,
      passwordChangedAt: new Date(),
      isPlatformAdmin: true,
      emailVerified: existing?.emailVerified ?? new Date(),
      ...endSessionsUpdate,
    },
  });
  if (demo) {
    console.log(`\n  Tessera operator (demo): ${email} / ${password}  →  /admin\n`);
  } else {
    logger.info("operator account ensured", { email });
  }
}
