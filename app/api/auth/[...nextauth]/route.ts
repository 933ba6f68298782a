// Auth.js's routes behind the API's boundary (lib/http/auth-route.ts): bounded bodies, checked
// callback URLs and the JSON error body on every 4xx.
import { handlers } from "@/lib/auth";
import { guardAuthHandlers } from "@/lib/http/auth-route";
import { otherMethods } from "@/lib/http/methods";

export const { GET, POST } = guardAuthHandlers(handlers);

// Other methods: 405 with Allow and the JSON error body (lib/http/methods.ts).
export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
