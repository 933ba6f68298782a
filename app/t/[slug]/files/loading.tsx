import { PageSkeleton, TableSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading files…" titleClassName="w-32" descriptionClassName="w-96">
      <TableSkeleton />
    </PageSkeleton>
  );
}
