// A tenant's audit entries as a table: when, who, what, and the fields that changed.
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime, isoString } from "@/lib/format";
import type { AuditPage } from "@/lib/tenancy/audit";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return ISO_DATE.test(value) ? formatDateTime(value) : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** "tier: Free → Starter" lines from before/after snapshots (changed keys only when both exist). */
export function auditChanges(before: unknown, after: unknown): string[] {
  const b = record(before);
  const a = record(after);
  const hasBefore = before !== null && before !== undefined;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const lines: string[] = [];
  for (const key of keys) {
    const from = show(b[key]);
    const to = show(a[key]);
    if (hasBefore && key in a) {
      if (from !== to) lines.push(`${key}: ${from} → ${to}`);
    } else if (key in a) {
      lines.push(`${key}: ${to}`);
    } else {
      lines.push(`${key}: ${from} (removed)`);
    }
  }
  return lines;
}

export function AuditEntries({ entries }: { entries: AuditPage["entries"] }) {
  if (entries.length === 0) {
    return (
      <EmptyState
        headingLevel="h3"
        title="No activity recorded"
        description="Changes to this tenant will appear here."
      />
    );
  }
  return (
    <Table scrollLabel="Recent activity">
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <TableHead>When</TableHead>
          <TableHead>Who</TableHead>
          <TableHead>Action</TableHead>
          <TableHead>Changes</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map((entry) => {
          const changes = auditChanges(entry.before, entry.after);
          return (
            <TableRow key={entry.id} className="align-top">
              <TableCell className="whitespace-nowrap">
                <time dateTime={isoString(entry.createdAt)}>{formatDateTime(entry.createdAt)}</time>
              </TableCell>
              <TableCell className="max-w-48 truncate" title={entry.actorEmail ?? undefined}>
                {entry.actorEmail ?? "System"}
              </TableCell>
              <TableCell>
                <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs">{entry.action}</code>
              </TableCell>
              <TableCell className="text-xs text-muted-foreground">
                {changes.length === 0 ? (
                  "—"
                ) : (
                  <ul className="grid gap-0.5">
                    {changes.slice(0, 6).map((line) => (
                      <li key={line} className="max-w-md break-words">
                        {line.length > 160 ? `${line.slice(0, 157)}…` : line}
                      </li>
                    ))}
                    {changes.length > 6 && <li>and {changes.length - 6} more</li>}
                  </ul>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
