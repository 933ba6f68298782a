// Reciprocal rank fusion (Cormack, Clarke & Büttcher 2009): each ranking gives an item
// 1 / (k + rank), the scores add up, and the highest total wins. It needs no calibration between
// ts_rank and cosine similarity, only the order of each list. Pure: unit-tested.

/** The usual constant: ranks far down a list add little, and no single list dominates. */
export const RRF_K = 60;

/**
 * Fuses rankings (best first) into one: the keys ordered by summed 1/(k + rank), ties broken by
 * the first list's order, then the second's. `weights` scale each list (default 1 each).
 */
export function reciprocalRankFusion(
  lists: string[][],
  weights: number[] = [],
  k = RRF_K,
): { key: string; score: number }[] {
  const scores = new Map<string, number>();
  const firstSeen = new Map<string, number>();
  let order = 0;
  lists.forEach((list, l) => {
    const weight = weights[l] ?? 1;
    list.forEach((key, i) => {
      scores.set(key, (scores.get(key) ?? 0) + weight / (k + i + 1));
      if (!firstSeen.has(key)) firstSeen.set(key, order++);
    });
  });
  return [...scores]
    .map(([key, score]) => ({ key, score }))
    .sort((a, b) => b.score - a.score || firstSeen.get(a.key)! - firstSeen.get(b.key)!);
}
