import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div aria-busy="true" aria-live="polite" className="grid gap-6">
      <span className="sr-only">Loading settings…</span>
      <div className="grid gap-2 pb-2">
        <Skeleton className="h-8 w-36" />
        <Skeleton className="h-4 w-72 max-w-full" />
      </div>
      <Skeleton className="h-44" />
      <Skeleton className="h-36" />
      <Skeleton className="h-64" />
    </div>
  );
}
