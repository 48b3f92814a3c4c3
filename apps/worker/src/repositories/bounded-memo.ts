// A process's memory of lookups that hold for a scan (its weights, its overrides, a
// prospect's row): concurrent callers share one promise, a failed lookup is forgotten so the
// job's retry asks again, and the oldest entry is dropped past the bound.
export function boundedMemo<A, V>(load: (arg: A) => Promise<V>, keyOf: (arg: A) => string | number, maxEntries: number): (arg: A) => Promise<V> {
  const entries = new Map<string | number, Promise<V>>();
  return (arg) => {
    const key = keyOf(arg);
    let entry = entries.get(key);
    if (!entry) {
      entry = load(arg);
      entry.catch(() => entries.delete(key));
      entries.set(key, entry);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    }
    return entry;
  };
}
