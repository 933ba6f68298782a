// Any /api path no route serves (/api itself and unknown /api/v1 paths included): the JSON 404 of the
// API rather than the HTML page.
import { requestIdFromTrace } from "@/lib/observability/tracing";

export const dynamic = "force-dynamic";

function notFound(request: Request): Response {
  return Response.json(
    { error: { code: "not_found", message: "No such API endpoint." } },
    {
      status: 404,
      headers: {
        "x-request-id": request.headers.get("x-request-id") ?? requestIdFromTrace(),
        "cache-control": "no-store",
      },
    },
  );
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
