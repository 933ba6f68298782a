import * as React from "react";
import { cn } from "./cn";

export type EmptyStateProps = Omit<React.ComponentProps<"div">, "title"> & {
  /** Decorative icon (e.g. `<Users />`). */
  icon?: React.ReactNode;
  title: React.ReactNode;
  description?: React.ReactNode;
  /** Call to action, e.g. `<Button>Invite a member</Button>`. */
  action?: React.ReactNode;
  headingLevel?: "h2" | "h3" | "h4";
};

export function EmptyState({
  icon,
  title,
  description,
  action,
  headingLevel: Heading = "h2",
  className,
  ...props
}: EmptyStateProps) {
  return (
    <div
      data-slot="empty-state"
      className={cn(
        "flex flex-col items-center justify-center gap-3 rounded-lg border border-dashed px-6 py-12 text-center",
        className,
      )}
      {...props}
    >
      {icon && (
        <div
          aria-hidden
          className="flex size-10 items-center justify-center rounded-full bg-muted text-muted-foreground [&_svg]:size-5"
        >
          {icon}
        </div>
      )}
      <Heading className="text-base font-semibold">{title}</Heading>
      {description && <p className="max-w-sm text-sm text-muted-foreground">{description}</p>}
      {action && <div className="mt-2 flex flex-wrap items-center justify-center gap-2">{action}</div>}
    </div>
  );
}
