import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** Bare liveness: no auth, no database, no Redis (the baseline GET /api/v1/ping is measured against). */
export function GET() {
  return NextResponse.json({ ok: true, service: "tessera" });
}
