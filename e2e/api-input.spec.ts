// Hostile requests against the real server (`next start`), where Next's router runs before any
// handler: malformed percent-encoding (a plain-text 500 from the router before), undeclared
// methods (an empty 405) and unknown /api/v1 paths (the HTML 404 page) answer with the JSON error
// body (the route files' stubs and app/api/[[...path]]; proxy.ts only checks paths holding a
// percent sign); NUL in a path parameter is refused at the boundary; a body over the limit answers
// 413 from the route; an out-of-range expiry cannot break the key list.
import { expect, test, type APIResponse, type Page } from "./test";

import { AuthPages, DEMO_PASSWORD } from "./pages";

const SLUG = "delta";
const OWNER = "dana@delta.test";

async function expectJsonError(response: APIResponse, status: number, code: string) {
  expect(response.status(), `${response.url()} ${await response.text()}`).toBe(status);
  expect(response.headers()["content-type"]).toContain("application/json");
  const body = (await response.json()) as { error: { code: string; message: string; details?: object } };
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  return body.error;
}

test.describe("paths and methods the router sees first", () => {
  test("malformed percent-encoding answers 400 (JSON under /api/), on every kind of path", async ({ request }) => {
    for (const path of [
      "/api/v1/members/%ZZ",
      "/api/v1/members/%C0%AF",
      "/api/v1/api-keys/%E0%A4/roll",
      "/api/v1/tenants/%ED%A0%80",
      "/api/auth/%ZZ",
      "/api/auth/callback/%C0%AF",
      "/api/t/%ZZ/members",
    ]) {
      await expectJsonError(await request.get(path), 400, "bad_request");
    }
    await expectJsonError(await request.delete("/api/v1/members/%ZZ"), 400, "bad_request");
    await expectJsonError(await request.post("/api/auth/signin/%ZZ", { form: { a: "b" } }), 400, "bad_request");
    const page = await request.get("/t/%ZZ");
    expect(page.status()).toBe(400);
  });

  test("undeclared methods answer 405 with Allow and the JSON error body", async ({ request }) => {
    const cases: [string, "put" | "post" | "patch" | "delete", string][] = [
      ["/api/v1/members", "put", "GET, HEAD, OPTIONS"],
      ["/api/v1/members/someone", "post", "GET, HEAD, PATCH, DELETE, OPTIONS"],
      ["/api/v1/ping", "delete", "GET, HEAD, OPTIONS"],
      ["/api/v1/paypal/create-order", "patch", "POST, OPTIONS"],
      ["/api/v1/openapi.json", "post", "GET, HEAD, OPTIONS"],
    ];
    for (const [path, method, allow] of cases) {
      const response = await request[method](path, { data: {} });
      await expectJsonError(response, 405, "method_not_allowed");
      expect(response.headers()["allow"]).toBe(allow);
    }
  });

  test("unknown /api paths answer a JSON 404", async ({ request }) => {
    for (const path of ["/api/v1/nope", "/api/v1", "/api/v1/members/a/b", "/api/v1/%6Dembers", "/api/nope", "/api"]) {
      await expectJsonError(await request.get(path), 404, "not_found");
    }
  });

  test("routes outside /api/v1 answer other methods with a JSON 405 too", async ({ request }) => {
    for (const [path, allow] of [
      ["/api/webhooks/stripe", "POST, OPTIONS"],
      ["/api/health", "GET, HEAD, OPTIONS"],
      ["/api/cron/purge", "POST, OPTIONS"],
    ] as const) {
      const response = await request.put(path, { data: {} });
      await expectJsonError(response, 405, "method_not_allowed");
      expect(response.headers()["allow"]).toBe(allow);
    }
    const get = await request.get("/api/webhooks/stripe");
    await expectJsonError(get, 405, "method_not_allowed");
  });

  test("Auth.js's routes answer bad input with the JSON error body, never a 500", async ({ request }) => {
    const callback = await expectJsonError(
      await request.get("/api/auth/session?callbackUrl=javascript:alert(1)"),
      400,
      "validation_failed",
    );
    expect(Object.keys(callback.details ?? {})).toEqual(["callbackUrl"]);
    await expectJsonError(await request.get("/api/auth/no-such-action"), 400, "bad_request");
    const forged = await request.get("/api/auth/session", {
      headers: { cookie: "authjs.callback-url=javascript:alert(1)" },
    });
    expect(forged.status()).toBe(200);
  });
});

test.describe("as a signed-in owner calling /api/v1", () => {
  let page: Page;
  test.beforeAll(async ({ browser }) => {
    page = await browser.newPage();
    await new AuthPages(page).signIn(OWNER, DEMO_PASSWORD);
  });
  test.afterAll(async () => {
    await page.close();
  });

  const headers = (baseURL: string) => ({ "tessera-tenant": SLUG, origin: baseURL });

  test("NUL in a path or query parameter is refused, naming it", async ({ baseURL }) => {
    const key = await expectJsonError(
      await page.request.get("/api/v1/api-keys/%00", { headers: headers(baseURL!) }),
      400,
      "validation_failed",
    );
    expect(Object.keys(key.details ?? {})).toEqual(["id"]);
    const events = await expectJsonError(
      await page.request.get("/api/v1/usage/events?cursor=%00", { headers: headers(baseURL!) }),
      400,
      "validation_failed",
    );
    expect(Object.keys(events.details ?? {})).toEqual(["cursor"]);
  });

  test("an out-of-range expiry is refused and the key list keeps working", async ({ baseURL }) => {
    for (const expiresAt of [8.64e15, "+275760-09-13T00:00:00.000Z", "42"]) {
      await expectJsonError(
        await page.request.post("/api/v1/api-keys", {
          headers: headers(baseURL!),
          data: { name: "fuzz", scopes: ["tenant:read"], expiresAt },
        }),
        400,
        "validation_failed",
      );
    }
    const list = await page.request.get("/api/v1/api-keys", { headers: headers(baseURL!) });
    expect(list.status()).toBe(200);
  });

  test("a JSON body over 1 MiB answers 413", async ({ baseURL }) => {
    const padding = "x".repeat(3 * 1024 * 1024);
    const response = await page.request.post("/api/v1/usage/events", {
      headers: { ...headers(baseURL!), "content-type": "application/json" },
      data: `{"events":[],"pad":"${padding}"}`,
    });
    await expectJsonError(response, 413, "payload_too_large");
  });
});
