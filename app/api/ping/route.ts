import { NextResponse } from "next/server";

import { otherMethods } from "@/lib/http/methods";

export const dynamic = "force-dynamic";

/** Bare liveness: no auth, no database, no Redis (the baseline GET /api/v1/ping is measured against). */
export function GET() {
  return NextResponse.json({ ok: true, service: "tessera" });
}

// Other methods: 405 with Allow and the JSON error body (lib/http/methods.ts).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
