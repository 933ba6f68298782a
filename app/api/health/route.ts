import { NextResponse } from "next/server";

import { healthReport } from "@/lib/monitoring/health";
import { otherMethods } from "@/lib/http/methods";

export const dynamic = "force-dynamic";

/** 200 while the app can serve (cache trouble only degrades), 503 when the database is unreachable. */
export async function GET() {
  const report = await healthReport();
  return NextResponse.json(report, {
    status: report.database.ok ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}

// Other methods: 405 with Allow and the JSON error body (lib/http/methods.ts).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
