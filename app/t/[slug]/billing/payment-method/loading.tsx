import { PageSkeleton, Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading payment method…" titleClassName="w-64" descriptionClassName="w-80">
      <Skeleton className="h-96 max-w-xl" />
    </PageSkeleton>
  );
}
