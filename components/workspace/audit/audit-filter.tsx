import Link from "next/link";

import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";

/**
 * Filter the audit log by action prefix (`member`, `invitation.…`); a GET form, so the URL is
 * shareable. A server component: a native select, "All actions" posting an empty `action` (the
 * page reads that as no filter).
 */
export function AuditFilter({
  basePath,
  current,
  prefixes,
  actions,
}: {
  basePath: string;
  current: string | undefined;
  prefixes: { value: string; label: string }[];
  actions: { value: string; label: string }[];
}) {
  const known = !current || prefixes.some((p) => p.value === current) || actions.some((a) => a.value === current);
  return (
    <form method="get" action={basePath} className="flex flex-wrap items-end gap-2">
      <div className="grid gap-1">
        <label htmlFor="audit-action" className="text-xs font-medium text-muted-foreground">
          Action
        </label>
        <NativeSelect id="audit-action" name="action" size="sm" wrapperClassName="w-64" defaultValue={current ?? ""}>
          <option value="">All actions</option>
          {!known && current && <option value={current}>{current}</option>}
          <optgroup label="By area">
            {prefixes.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </optgroup>
          <optgroup label="Exact action">
            {actions.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </optgroup>
        </NativeSelect>
      </div>
      <Button type="submit" size="sm">
        Apply
      </Button>
      {current && (
        <Button asChild variant="ghost" size="sm">
          <Link href={basePath}>Clear</Link>
        </Button>
      )}
    </form>
  );
}
