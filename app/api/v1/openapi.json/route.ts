// GET /api/v1/openapi.json: the OpenAPI 3.1 document of the v1 API. Public (no key, no gate);
// built and serialised once per process from the route declarations (lib/api/openapi.ts).
import { getOpenApiDocument } from "@/lib/api/openapi";
import { otherMethods } from "@/lib/http/methods";

let body: string | undefined;

export function GET(): Response {
  body ??= JSON.stringify(getOpenApiDocument());
  return new Response(body, {
    headers: {
      "content-type": "application/json",
      "cache-control": "public, max-age=300",
      "access-control-allow-origin": "*",
    },
  });
}

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
