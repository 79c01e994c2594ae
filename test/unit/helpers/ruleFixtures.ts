/** The cases under test/rules/<rule-id>/ (see test/unit/rules.test.ts for the layout). */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const rulesRoot = path.resolve(__dirname, '..', '..', 'rules');

export interface FixtureCase {
  rule: string;
  /** File name, e.g. `case.conf`. */
  file: string;
  full: string;
  /** Full path without the extension. */
  base: string;
  /** `.conf`, `.env`, `.yaml`, `.yml` or `.json`. */
  ext: string;
}

/** A case: a name without dots and one of the input extensions (outputs all have a second dot). */
const CASE = /^[^.]+\.(conf|env|ya?ml|json)$/;

export function fixtureCases(): FixtureCase[] {
  const out: FixtureCase[] = [];
  for (const rule of fs.readdirSync(rulesRoot).sort()) {
    const dir = path.join(rulesRoot, rule);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir).sort()) {
      if (!CASE.test(file)) continue;
      const full = path.join(dir, file);
      const ext = path.extname(file);
      out.push({ rule, file, full, base: full.slice(0, -ext.length), ext });
    }
  }
  return out;
}

/** The words of `# check: k=v ...` (the case's first line) or of `<case>.check` beside it. */
export function readCaseOptions(c: FixtureCase, text: string): Record<string, string> {
  const sidecar = `${c.base}.check`;
  const line = fs.existsSync(sidecar) ? fs.readFileSync(sidecar, 'utf8') : (/^# check: (.*)$/m.exec(text.split('\n', 1)[0] ?? '')?.[1] ?? '');
  const out: Record<string, string> = {};
  for (const kv of line.trim().split(/\s+/).filter(Boolean)) {
    const i = kv.indexOf('=');
    if (i > 0) out[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return out;
}
