import type { ActionState } from "@/lib/http/action";

/** A tenantAction with its slug bound (`action.bind(null, slug)`), as passed to client components. */
export type BoundAction<T = unknown> = (prev: ActionState<T>, form: FormData) => Promise<ActionState<T>>;

export const IDLE: ActionState<never> = { status: "idle" };
