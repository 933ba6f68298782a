"use client";

import Link from "next/link";
import * as React from "react";

import { Button } from "@/components/ui/button";
import {
  Select,
  SelectContent,
  SelectGroup,
  SelectItem,
  SelectLabel,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";

const ALL = "__all__";

/** Filter the audit log by action prefix (`member`, `invitation.…`); a GET form, so the URL is shareable. */
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
  const [value, setValue] = React.useState(current ?? ALL);
  const known = value === ALL || prefixes.some((p) => p.value === value) || actions.some((a) => a.value === value);
  return (
    <form method="get" action={basePath} className="flex flex-wrap items-end gap-2">
      <div className="grid gap-1">
        <label htmlFor="audit-action" className="text-xs font-medium text-muted-foreground">
          Action
        </label>
        <Select value={value} onValueChange={setValue}>
          <SelectTrigger id="audit-action" size="sm" className="w-64">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>All actions</SelectItem>
            {!known && <SelectItem value={value}>{value}</SelectItem>}
            <SelectGroup>
              <SelectLabel>By area</SelectLabel>
              {prefixes.map((p) => (
                <SelectItem key={p.value} value={p.value}>
                  {p.label}
                </SelectItem>
              ))}
            </SelectGroup>
            <SelectGroup>
              <SelectLabel>Exact action</SelectLabel>
              {actions.map((a) => (
                <SelectItem key={a.value} value={a.value}>
                  {a.label}
                </SelectItem>
              ))}
            </SelectGroup>
          </SelectContent>
        </Select>
        {value !== ALL && <input type="hidden" name="action" value={value} />}
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
