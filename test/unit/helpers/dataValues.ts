/** Data-level checks for fixes of YAML / JSON files: the text still parses, and what it held is still there. */
import assert from 'node:assert/strict';
import YAML from 'yaml';

/** The documents of a YAML text (asserting it parses cleanly), or the value of a JSON text. */
export function parseData(text: string, json: boolean): unknown {
  return json
    ? JSON.parse(text)
    : YAML.parseAllDocuments(text).map((d) => {
        assert.equal(d.errors.length, 0, `re-parses: ${d.errors.map((e) => e.message).join('; ')}`);
        return d.toJS();
      });
}

/** Every value of `before` is still in `after` (the fix only adds keys). */
export function keepsEveryValue(before: unknown, after: unknown, where = '$'): void {
  if (before === null || typeof before !== 'object') {
    assert.deepEqual(after, before, `value at ${where}`);
    return;
  }
  assert.ok(after !== null && typeof after === 'object', `${where} still a map or list`);
  if (Array.isArray(before)) {
    assert.ok(Array.isArray(after) && after.length === before.length, `${where} keeps its ${before.length} items`);
    before.forEach((x, i) => keepsEveryValue(x, (after as unknown[])[i], `${where}[${i}]`));
    return;
  }
  for (const [k, v] of Object.entries(before as Record<string, unknown>)) keepsEveryValue(v, (after as Record<string, unknown>)[k], `${where}.${k}`);
}
