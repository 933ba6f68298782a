import { ping } from "@/lib/api/v1/system";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(ping, async () => ({ ok: true as const, service: "tessera" as const }));
