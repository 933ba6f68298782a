// Indexed access in tests, fixtures and scripts under `noUncheckedIndexedAccess`: each helper
// returns the element or fails with a message naming what was missing, instead of `!`.
import { at as atIndex, group } from "@/lib/indexed";

export { group };

/** The element at `index` (negative counts from the end). */
export function at<T>(items: ArrayLike<T>, index: number, what = "an element"): T {
  return atIndex(items, index, what);
}

/** The only element of a list that must hold exactly one. */
export function only<T>(items: ArrayLike<T>, what = "element"): T {
  if (items.length !== 1) throw new Error(`Expected exactly one ${what}, found ${items.length}`);
  return atIndex(items, 0, what);
}

/** The value under `key` in a record that must have it. */
export function prop<T>(record: Readonly<Record<string, T>>, key: string): T {
  const value = record[key];
  if (value === undefined) {
    throw new Error(`Expected key “${key}” among ${Object.keys(record).join(", ") || "no keys"}`);
  }
  return value;
}
