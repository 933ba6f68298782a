import * as React from "react";
import { cva, type VariantProps } from "class-variance-authority";
import { CircleAlert, CircleCheck, Info, TriangleAlert } from "lucide-react";
import { cn } from "./cn";

export const alertVariants = cva(
  [
    "relative grid w-full grid-cols-[0_1fr] items-start gap-y-0.5 rounded-lg border px-4 py-3 text-sm text-foreground",
    "has-[>svg]:grid-cols-[calc(var(--spacing)*4)_1fr] has-[>svg]:gap-x-3",
    "[&>svg]:size-4 [&>svg]:translate-y-0.5",
  ],
  {
    variants: {
      variant: {
        info: "border-primary/40 bg-primary/5 [&>svg]:text-primary",
        success: "border-success/40 bg-success/5 [&>svg]:text-success",
        warning: "border-warning/40 bg-warning/5 [&>svg]:text-warning",
        destructive: "border-destructive/40 bg-destructive/5 [&>svg]:text-destructive",
      },
    },
    defaultVariants: { variant: "info" },
  },
);

type AlertVariant = NonNullable<VariantProps<typeof alertVariants>["variant"]>;

const ICONS: Record<AlertVariant, React.ComponentType<{ "aria-hidden"?: boolean }>> = {
  info: Info,
  success: CircleCheck,
  warning: TriangleAlert,
  destructive: CircleAlert,
};

export type AlertProps = React.ComponentProps<"div"> &
  VariantProps<typeof alertVariants> & {
    /** Replace the variant's icon; pass `null` for none. */
    icon?: React.ReactNode | null;
  };

/**
 * A static message box. `destructive` and `warning` use role="alert" (announced at once),
 * `info` and `success` use role="status" (polite). Override with `role`.
 */
export function Alert({ className, variant, icon, role, children, ...props }: AlertProps) {
  const v: AlertVariant = variant ?? "info";
  const Icon = ICONS[v];
  return (
    <div
      data-slot="alert"
      role={role ?? (v === "destructive" || v === "warning" ? "alert" : "status")}
      className={cn(alertVariants({ variant: v }), className)}
      {...props}
    >
      {icon === undefined ? <Icon aria-hidden /> : icon}
      {children}
    </div>
  );
}

export function AlertTitle({ className, ...props }: React.ComponentProps<"div">) {
  return (
    <div
      data-slot="alert-title"
      className={cn("col-start-2 min-h-4 font-medium tracking-tight", className)}
      {...props}
    />
  );
}

export function AlertDescription({ className, ...props }: React.ComponentProps<"div">) {
  return (
    <div
      data-slot="alert-description"
      className={cn(
        "col-start-2 grid justify-items-start gap-1 text-sm text-muted-foreground [&_p]:leading-relaxed",
        className,
      )}
      {...props}
    />
  );
}
