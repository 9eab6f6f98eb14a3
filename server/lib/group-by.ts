/**
 * Items grouped by key, groups in first-seen order and items in input order. Appends in place: building each
 * group as a fresh copy (`[...group, item]`) made grouping quadratic in a group's size.
 */
export function groupBy<T, K = string>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
