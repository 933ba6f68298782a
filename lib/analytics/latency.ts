// Response times are counted in fixed buckets (exact counts that add up over any hours, routes
// and workspaces); percentiles are read from the buckets with linear interpolation inside the
// bucket, as Prometheus' histogram_quantile does.

/** Upper bounds (ms) of the buckets; one more bucket holds everything slower. */
export const LATENCY_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000] as const;
export const BUCKET_COUNT = LATENCY_BUCKETS_MS.length + 1;

export function bucketOf(ms: number): number {
  const index = LATENCY_BUCKETS_MS.findIndex((bound) => ms <= bound);
  return index === -1 ? LATENCY_BUCKETS_MS.length : index;
}

/** The q-quantile (0 < q ≤ 1) of bucket counts (index → count); null when there is nothing. */
export function quantileFromBuckets(counts: readonly number[], q: number): number | null {
  const total = counts.reduce((sum, c) => sum + c, 0);
  if (total === 0) return null;
  const rank = q * total;
  let before = 0;
  for (let i = 0; i < counts.length; i += 1) {
    const count = counts[i] ?? 0;
    if (count > 0 && before + count >= rank) {
      const upper = LATENCY_BUCKETS_MS[i];
      const lower = i === 0 ? 0 : (LATENCY_BUCKETS_MS[i - 1] ?? 0);
      if (upper === undefined) return lower; // slower than every bound: its lower bound
      return Math.round((lower + ((upper - lower) * (rank - before)) / count) * 10) / 10;
    }
    before += count;
  }
  return LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1] ?? null;
}
