import { cn } from "@/components/ui/cn";

const METHOD_STYLES: Record<string, string> = {
  GET: "border-sky-600/30 bg-sky-50 text-sky-800 dark:bg-sky-950 dark:text-sky-300",
  POST: "border-emerald-600/30 bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  PUT: "border-violet-600/30 bg-violet-50 text-violet-800 dark:bg-violet-950 dark:text-violet-300",
  PATCH: "border-amber-600/30 bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-300",
  DELETE: "border-red-600/30 bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-300",
};

/** An HTTP method as a colour-coded, fixed-width tag. */
export function MethodBadge({ method, className }: { method: string; className?: string }) {
  return (
    <span
      className={cn(
        "inline-flex w-14 shrink-0 justify-center rounded border px-1 py-0.5 font-mono text-[0.68rem] font-semibold tracking-wide",
        METHOD_STYLES[method] ?? "bg-muted text-foreground",
        className,
      )}
    >
      {method}
    </span>
  );
}
