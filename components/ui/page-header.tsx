import * as React from "react";
import { cn } from "./cn";

export type PageHeaderProps = Omit<React.ComponentProps<"div">, "title"> & {
  /** The page's `<h1>`. */
  title: React.ReactNode;
  description?: React.ReactNode;
  /** Buttons or menus aligned to the right on wide screens. */
  actions?: React.ReactNode;
  /** Small content above the title (breadcrumbs, a back link, a badge). */
  eyebrow?: React.ReactNode;
};

export function PageHeader({ title, description, actions, eyebrow, className, ...props }: PageHeaderProps) {
  return (
    <div
      data-slot="page-header"
      className={cn("flex flex-col gap-4 pb-6 sm:flex-row sm:items-start sm:justify-between", className)}
      {...props}
    >
      <div className="grid min-w-0 gap-1.5">
        {eyebrow && <div className="text-sm text-muted-foreground">{eyebrow}</div>}
        <h1 className="text-2xl font-semibold tracking-tight text-balance">{title}</h1>
        {description && <p className="max-w-2xl text-sm text-muted-foreground">{description}</p>}
      </div>
      {actions && <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div>}
    </div>
  );
}
