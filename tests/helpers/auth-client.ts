// A browser's view of Auth.js, in-process: a cookie jar and the /api/auth route handlers called
// the way Next.js would. Tests that read the signed-in user through auth() mock next/headers with
// `nextHeadersMock(jar)` so server code sees this jar's cookies.
import { NextRequest } from "next/server";

const ORIGIN = "http://localhost:3000";

type Handler = (request: NextRequest) => Promise<Response>;

export class CookieJar {
  readonly cookies = new Map<string, string>();

  /** Applies Set-Cookie headers (an expired or empty cookie is removed). */
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
      const index = pair.indexOf("=");
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      const expired = attributes.some(
        (a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && new Date(a.slice(8)).getTime() < Date.now()),
      );
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  clone(): CookieJar {
    const copy = new CookieJar();
    for (const [name, value] of this.cookies) copy.cookies.set(name, value);
    return copy;
  }
}

export const SESSION_COOKIE = "authjs.session-token";

export class AuthClient {
  constructor(
    private readonly handlers: { GET: Handler; POST: Handler },
    readonly jar = new CookieJar(),
    private readonly headers: Record<string, string> = {},
  ) {}

  async request(method: "GET" | "POST", path: string, body?: URLSearchParams | object): Promise<Response> {
    const headers: Record<string, string> = { ...this.headers, cookie: this.jar.header() };
    let payload: string | undefined;
    if (body instanceof URLSearchParams) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      payload = body.toString();
    } else if (body) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(body);
    }
    const response = await this.handlers[method](
      new NextRequest(`${ORIGIN}/api/auth/${path}`, { method, headers, body: payload }),
    );
    this.jar.take(response);
    return response;
  }

  async csrfToken(): Promise<string> {
    const response = await this.request("GET", "csrf");
    return ((await response.json()) as { csrfToken: string }).csrfToken;
  }

  /** Email + password sign-in as the sign-in form's POST would do it; true when a session cookie was set. */
  async signIn(email: string, password: string): Promise<boolean> {
    const csrfToken = await this.csrfToken();
    await this.request(
      "POST",
      "callback/credentials",
      new URLSearchParams({ csrfToken, email, password, callbackUrl: `${ORIGIN}/dashboard` }),
    );
    return Boolean(this.jar.get(SESSION_COOKIE));
  }

  /** GET /api/auth/session: the session JSON (null or {} when there is none). */
  async session(): Promise<{ user?: { id?: string; email?: string } } | null> {
    const response = await this.request("GET", "session");
    return (await response.json()) as { user?: { id?: string } } | null;
  }

  /** POST /api/auth/session: a client-triggered session update (what `useSession().update()` sends). */
  async update(data: object = {}): Promise<Response> {
    const csrfToken = await this.csrfToken();
    return this.request("POST", "session", { csrfToken, data });
  }
}

/** The cookie store next/headers' cookies() returns, over a jar. */
export function cookieStore(jar: CookieJar) {
  return {
    get: (name: string) => (jar.get(name) === undefined ? undefined : { name, value: jar.get(name)! }),
    getAll: () => [...jar.cookies].map(([name, value]) => ({ name, value })),
    has: (name: string) => jar.cookies.has(name),
    set: (name: string, value: string, options?: { maxAge?: number; expires?: Date | number }) => {
      const expires = options?.expires === undefined ? undefined : new Date(options.expires).getTime();
      if (!value || options?.maxAge === 0 || (expires !== undefined && expires < Date.now())) jar.cookies.delete(name);
      else jar.set(name, value);
    },
    delete: (name: string) => jar.cookies.delete(name),
  };
}
