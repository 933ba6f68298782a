// Every v1 route, in documentation order. The OpenAPI document, the docs page and the
// table-driven scope tests read this list; a test checks it matches the route files in app/api/v1.
import type { ApiRouteDef } from "../define";
import * as apiKeys from "./api-keys";
import * as system from "./system";

export const V1_ROUTES: ApiRouteDef[] = [
  system.ping,
  apiKeys.listApiKeys,
  apiKeys.createApiKey,
  apiKeys.getApiKey,
  apiKeys.revokeApiKey,
  apiKeys.rollApiKey,
] as ApiRouteDef[];
