// Whether proxy.ts runs on a path: its `config.matcher` compiled the way `next build` compiles it
// (get-page-static-info's getMiddlewareMatchers: the optional /_next/data prefix, the .json/.rsc
// transport suffix, path-to-regexp through Next's tryToParsePath), without loading Next's testing
// entry point — that one pulls in Next's server modules before the test's own and breaks Auth.js's
// request scope in the same process.
import { tryToParsePath } from "next/dist/lib/try-to-parse-path";

const PREFIX = "/:nextData(_next/data/[^/]{1,})?";
const SUFFIX = "{(\\.json|\\.rsc|\\.segments/.+\\.segment\\.rsc)}?";

const compiled = new WeakMap<readonly string[], RegExp[]>();

function regexps(matcher: readonly string[]): RegExp[] {
  let list = compiled.get(matcher);
  if (!list) {
    list = matcher.map((source) => {
      const { regexStr, error } = tryToParsePath(`${PREFIX}${source}${SUFFIX}`);
      if (!regexStr || error) throw new Error(`proxy matcher does not parse: ${source}`);
      return new RegExp(regexStr);
    });
    compiled.set(matcher, list);
  }
  return list;
}

/** True when the proxy's `config.matcher` selects `url` (absolute, as sent on the wire). */
export function proxyMatches(config: { matcher: readonly string[] }, url: string): boolean {
  const { pathname } = new URL(url);
  return regexps(config.matcher).some((regexp) => regexp.test(pathname));
}
