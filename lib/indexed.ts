// Indexed access for places where the element exists by construction (a schema's `.min(1)`, a
// regular expression's required group, a non-empty list checked just before), so code compiles
// under `noUncheckedIndexedAccess` without `!`. Each throws a descriptive error if the
// construction is ever broken, rather than carrying `undefined` onward. Where an element may
// really be missing, guard it instead (early return, AppError, a correct default).

/** The element at `index` (negative counts from the end, like `Array.prototype.at`). */
export function at<T>(items: ArrayLike<T>, index: number, what: string): T {
  const position = index < 0 ? items.length + index : index;
  if (position < 0 || position >= items.length) {
    throw new Error(`Expected ${what} at index ${index} of ${items.length}, found none`);
  }
  return items[position] as T;
}

/** The first element of a list known to be non-empty. */
export function first<T>(items: ArrayLike<T>, what: string): T {
  return at(items, 0, what);
}

/** The last element of a list known to be non-empty. */
export function last<T>(items: ArrayLike<T>, what: string): T {
  return at(items, -1, what);
}

/** Capture group `index` of a match whose pattern makes that group required. */
export function group(match: RegExpExecArray | RegExpMatchArray, index: number): string {
  const value = match[index];
  if (value === undefined) throw new Error(`Expected capture group ${index} in the match of “${match[0]}”`);
  return value;
}

/** The text before the first `separator`, all of it when there is none (`split(separator)[0]`). */
export function before(text: string, separator: string): string {
  const position = text.indexOf(separator);
  return position === -1 ? text : text.slice(0, position);
}
