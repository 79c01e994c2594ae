/**
 * Append every item of `items` to `target`. `target.push(...items)` passes each item as
 * a call argument and overflows the stack past roughly 100k items (a big decK file has
 * that many findings), so lists of unbounded length are appended with a loop.
 */
export function pushAll<T>(target: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) target.push(items[i]!);
  return target;
}

/** Run a generator of steps (see DeclarativeSession.updateSteps) to its end, in one go. */
export function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * `fn` remembering its last text and answer: the check, hover and completion of one
 * document version ask for the same reading of the same text in a row. Treat the answer
 * as read-only.
 */
export function lastTextMemo<T>(fn: (text: string) => T): (text: string) => T {
  let last: { text: string; value: T } | undefined;
  return (text) => {
    if (last && last.text === text) return last.value;
    const value = fn(text);
    last = { text, value };
    return value;
  };
}
