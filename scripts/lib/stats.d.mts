export function percentile(sorted: readonly number[], p: number): number;
export function median(values: readonly number[]): number;
