/** True when `href` is the current page (or, unless `exact`, one of its ancestors). "/" only matches itself. */
export function isActivePath(pathname: string | null, href: string, exact = false): boolean {
  if (!pathname) return false;
  const path = href.split(/[?#]/)[0] || "/";
  const strip = (p: string) => (p.length > 1 && p.endsWith("/") ? p.slice(0, -1) : p);
  const current = strip(pathname);
  const target = strip(path);
  if (current === target) return true;
  if (exact || target === "/") return false;
  return current.startsWith(`${target}/`);
}
