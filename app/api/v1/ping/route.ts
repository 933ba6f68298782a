import { ping } from "@/lib/api/v1/system";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(ping, async () => ({ ok: true as const, service: "tessera" as const }));

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
