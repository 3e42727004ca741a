// Applies text edits back into a provider body by segment path (dot-separated keys into the JSON).

/** Sets `value` at a dot path such as `messages.2.content.0.text`. */
export function setAtPath(body: unknown, path: string, value: string): void {
  const keys = path.split('.');
  let node = body as Record<string, unknown>;
  for (let i = 0; i < keys.length - 1; i++) {
    const next = node[keys[i]];
    if (next === null || typeof next !== 'object') throw new Error(`no container at ${keys.slice(0, i + 1).join('.')}`);
    node = next as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

/** Deletes array entries matching `drop` at a top-level key (used to strip tools). */
export function filterArray<T>(body: Record<string, unknown>, key: string, keep: (item: T) => boolean): number {
  const arr = body[key];
  if (!Array.isArray(arr)) return 0;
  const kept = arr.filter((x) => keep(x as T));
  const removed = arr.length - kept.length;
  if (kept.length === 0) delete body[key];
  else body[key] = kept;
  return removed;
}
