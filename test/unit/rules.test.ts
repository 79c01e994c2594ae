/**
 * The fixture runner for every rule: one folder per rule under test/rules/<rule-id>/, each
 * holding one or more cases. A case is `<case>.<ext>` (no dot in `<case>`): `.conf` (kong.conf),
 * `.env`, `.yaml` / `.yml` (decK, docker-compose, Kubernetes, Helm values: the kind is the one
 * the product detects from the name and the text, as the CLI and the server do) or `.json`.
 *
 * Versions and context are stated in the case's first line, `# check: from=.. to=..
 * [edition=oss|enterprise] [kind=..] [set=property:value,...] [scope=files] [custom=a,b] [globs=g1,g2]`,
 * or, for a JSON case (JSON has no comments), in a sidecar `<case>.check` holding the same
 * words. `set` stands for what other files of the workspace set (kong.conf / KONG_*);
 * `scope=files` gives the Kubernetes checks the file itself as the set of files checked (what
 * `kong-upgrade check <file>` does); `custom` names custom plugins;
 * `globs` are the project's declarative-file globs (a decK file not named kong.yaml).
 *
 * Beside each case, all written by the product's own `checkText` and `fixAll` (the functions
 * the CLI and the server call):
 *   `<case>.snap.json`     the findings (position, code, severity, text, message, fixes),
 *   `<case>.fixed.<ext>`   the text after fix-all,
 *   `<case>.fixN.<ext>`    (YAML / JSON) the text after the N-th fix, in finding order,
 *   `<case>.pinned.<ext>`  (decK) the text after the whole-file "keep today's behaviour" action.
 * UPDATE_SNAPSHOTS=1 rewrites them (review the diff before committing).
 *
 * test/unit/rule-fixtures-cover.test.ts checks that every code of the registry has a folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadKnowledge } from '../../server/src/knowledge';
import { checkText, detectKind, fixAll, resolveEnv, type KnowledgeSet, type WorkspaceSettings } from '../../server/src/core/check';
import { pinEntityDefaultsEdits } from '../../server/src/core/declarative';
import { kongPluginScopeOf } from '../../server/src/core/k8s/check';
import { applyEdits, LineIndex } from '../../server/src/core/text';
import type { FileKind, Finding } from '../../server/src/core/model';
import { keepsEveryValue, parseData } from './helpers/dataValues';
import { fixtureCases, readCaseOptions, rulesRoot } from './helpers/ruleFixtures';

const update = process.env.UPDATE_SNAPSHOTS === '1';
const knowledge: KnowledgeSet = loadKnowledge();
/** Entity fixes only add keys: every value of the file must still be there after one. */
const ADDS_ONLY = new Set(['entity-default-change', 'entity-change']);

/** The name a user's file of this case would have (kong.conf is detected by name only). */
function detectionName(file: string): string {
  return file.endsWith('.conf') ? 'kong.conf' : file;
}

for (const c of fixtureCases()) {
  test(`${c.rule}/${c.file}`, () => {
    const text = fs.readFileSync(c.full, 'utf8');
    const opts = readCaseOptions(c, text);
    assert.ok(opts.from && opts.to, `${c.file} states from= and to= (first line, or ${c.base}.check for JSON)`);
    const declarativeGlobs = opts.globs ? opts.globs.split(',') : [];
    const detected = detectKind(detectionName(c.full), text, { declarativeGlobs });
    const kind = (opts.kind ?? detected) as FileKind;
    assert.notEqual(kind, 'unknown', 'the product takes this file for a Kong file');
    assert.equal(detected, kind, `the product detects this file as ${kind}`);
    const settings: WorkspaceSettings | undefined = opts.set
      ? Object.fromEntries(
          opts.set
            .split(',')
            .filter(Boolean)
            .map((s) => s.split(':') as [string, string])
            .map(([k, v]) => [k, { value: v, path: 'kong.conf' }]),
        )
      : undefined;
    const r = resolveEnv(
      knowledge,
      { current: opts.from, target: opts.to, edition: opts.edition === 'enterprise' ? 'enterprise' : 'oss' },
      {
        ...(settings ? { settings } : {}),
        ...(opts.scope === 'files' ? { kongPlugins: kongPluginScopeOf([text], 'the files checked') } : {}),
        ...(opts.custom ? { customPlugins: opts.custom.split(',') } : {}),
        declarativeGlobs,
      },
    );
    assert.ok(r.ok, 'versions resolve');
    if (!r.ok) return;
    const env = r.env;
    const idx = new LineIndex(text);
    const found = checkText(kind, text, env, c.full).findings;
    const shown = found.map((f) => {
      const p = idx.positionAt(f.span.start);
      return {
        line: p.line + 1,
        col: p.character + 1,
        code: f.code,
        severity: f.severity,
        text: text.slice(f.span.start, f.span.end),
        message: f.message,
        replacement: f.replacement ?? null,
        fixes: (f.fixes ?? []).map((x) => `${x.title}${x.preferred ? ' [preferred]' : ''}${x.pin ? ' [pin]' : ''}`),
      };
    });
    const outputs: Array<[string, string]> = [];
    const fixed = fixAll(kind, text, env, 8, c.full).text;
    outputs.push([`${c.base}.fixed${c.ext}`, fixed]);
    const data = c.ext !== '.conf' && c.ext !== '.env';
    const json = c.ext === '.json';
    // A file that does not parse, or that the checker could not read to the end (an alias bomb,
    // say), is not read as data here either; its fixes are still compared with the files.
    const unreadable = found.some((f) => f.code === 'syntax' || f.code === 'check-incomplete');
    if (data) {
      // Each fix on its own: the file still parses (and an entity fix keeps every value).
      const before = unreadable ? undefined : parseData(text, json);
      if (!unreadable) parseData(fixed, json);
      let n = 0;
      for (const f of found) {
        for (const fx of f.fixes ?? []) {
          n++;
          const after = applyEdits(text, fx.edits);
          if (!unreadable) {
            if (ADDS_ONLY.has(f.code)) keepsEveryValue(before, parseData(after, json));
            else parseData(after, json);
          }
          outputs.push([`${c.base}.fix${n}${c.ext}`, after]);
        }
      }
      const pin = kind === 'declarative' ? pinEntityDefaultsEdits(found) : null;
      if (pin && !unreadable) {
        const after = applyEdits(text, pin.edits);
        keepsEveryValue(before, parseData(after, json));
        outputs.push([`${c.base}.pinned${c.ext}`, after]);
      }
    }
    // Fix-all never writes a pin (choosing the old behaviour is the user's decision).
    const pins = (fs: Finding[]) => fs.filter((f) => f.fixes?.some((x) => x.pin)).length;
    assert.ok(!found.some((f) => f.fixes?.some((x) => x.pin && x.preferred)), 'pins are never preferred');
    if (pins(found)) assert.equal(pins(checkText(kind, fixed, env, c.full).findings), pins(found), 'fix-all leaves the pins to the user');
    const dir = path.dirname(c.full);
    const stem = path.basename(c.base);
    if (update) {
      fs.writeFileSync(`${c.base}.snap.json`, JSON.stringify(shown, null, 2) + '\n');
      for (const old of fs.readdirSync(dir).filter((x) => /^\.(fixed|fix\d+|pinned)\./.test(x.slice(stem.length)) && x.startsWith(stem))) fs.unlinkSync(path.join(dir, old));
      for (const [p, t] of outputs) fs.writeFileSync(p, t);
    }
    assert.deepEqual(shown, JSON.parse(fs.readFileSync(`${c.base}.snap.json`, 'utf8')));
    for (const [p, t] of outputs) assert.equal(t, fs.readFileSync(p, 'utf8'), path.basename(p));
    // No output file is left over from an older run (a fix that went away must show in the diff).
    const expected = new Set(outputs.map(([p]) => path.basename(p)));
    const stale = fs.readdirSync(dir).filter((x) => x.startsWith(stem) && /^\.(fixed|fix\d+|pinned)\./.test(x.slice(stem.length)) && !expected.has(x));
    assert.deepEqual(stale, [], 'output files no longer produced');
    // Every rule folder must show its own rule at least once.
    assert.ok(
      found.some((f) => f.code === c.rule),
      `expected at least one ${c.rule} finding`,
    );
  });
}

test('test/rules holds cases', () => {
  assert.ok(fixtureCases().length > 0);
  assert.ok(fs.existsSync(rulesRoot));
});
