// GET /api/admin/tenants?q=&tier=&status=&sort=&dir=&page=&pageSize= — one page of tenants for
// platform operators (the same query the admin console's table runs). 400 with field errors
// on bad parameters, 404 for anyone who is not an operator.
import { withOperatorRoute } from "@/lib/http/route";
import { adminListTenants } from "@/lib/lifecycle/tenants";
import { otherMethods } from "@/lib/http/methods";

export const dynamic = "force-dynamic";

export const GET = withOperatorRoute<Record<string, never>>(async (request, operator) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  return adminListTenants(operator, params);
});

// Other methods: 405 with Allow and the JSON error body (lib/http/methods.ts).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
