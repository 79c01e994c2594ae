/**
 * Every code of the rule registry has a fixture folder under test/rules/<code>/ (run by
 * rules.test.ts), with a case of every file kind the registry says the code is reported in:
 * kong.conf, .env, docker-compose, Kubernetes, Helm values, decK. What cannot have a fixture
 * is listed below with the reason, and the list is checked to stay true.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectKind } from '../../server/src/core/check';
import { RULES, RULE_IDS } from '../../server/src/core/rules/registry';
import type { FileKind, RuleId } from '../../server/src/core/model';
import { fixtureCases, readCaseOptions, rulesRoot } from './helpers/ruleFixtures';

/** Codes with no fixture folder at all. */
const NO_FOLDER: Partial<Record<RuleId, string>> = {
  'file-too-large': 'nothing emits it any more: a file over the size limit gets one check-incomplete finding (see check-incomplete), the code stays known so configurations that name it remain valid',
};

/** A code's file kinds that have no case, and why. */
const NO_CASE: Partial<Record<RuleId, Partial<Record<FileKind, string>>>> = {
  'check-incomplete': {
    'kong-conf':
      'the kong.conf reader has no depth or alias limit: it stops only past 10,000 findings in one file (the listing cap, FINDINGS_LISTED_MAX in conf/rules.ts; robust.test.ts checks it with 300,000 properties) or past MAX_CHECKED_CHARS (64 million characters), both far too big for a fixture',
    env: 'as kong-conf: the listing cap or the 64-million-character limit, too big for a fixture',
    kubernetes: 'a manifest nested past the limit, or whose aliases expand past it, is not recognised as Kubernetes (detection reads its YAML), so it gets no finding at all',
    'helm-values': 'Helm values are recognised from their content, which a file nested past the limit does not give; aliases are not expanded there (an alias bomb is an ordinary value)',
  },
};

function caseKinds(): Map<string, Set<FileKind>> {
  const out = new Map<string, Set<FileKind>>();
  for (const c of fixtureCases()) {
    const text = fs.readFileSync(c.full, 'utf8');
    const opts = readCaseOptions(c, text);
    const kind = detectKind(c.ext === '.conf' ? 'kong.conf' : c.full, text, { declarativeGlobs: opts.globs ? opts.globs.split(',') : [] });
    if (!out.has(c.rule)) out.set(c.rule, new Set());
    out.get(c.rule)!.add(kind);
  }
  return out;
}

test('every code of the registry has a fixture folder with a case of each file kind it is reported in', () => {
  const kinds = caseKinds();
  const missing: string[] = [];
  for (const id of RULE_IDS) {
    if (NO_FOLDER[id]) {
      assert.ok(!kinds.has(id), `${id} has fixtures now: take it off NO_FOLDER`);
      continue;
    }
    const have = kinds.get(id);
    if (!have) {
      missing.push(`${id}: no folder test/rules/${id}/ with a case`);
      continue;
    }
    for (const k of RULES[id].kinds) {
      const why = NO_CASE[id]?.[k];
      if (why) assert.ok(!have.has(k), `${id} has a ${k} case now: take it off NO_CASE`);
      else if (!have.has(k)) missing.push(`${id}: no ${k} case`);
    }
  }
  assert.deepEqual(missing, []);
});

test('fixture folders are named after codes of the registry', () => {
  const dirs = fs.readdirSync(rulesRoot).filter((d) => fs.statSync(path.join(rulesRoot, d)).isDirectory());
  assert.deepEqual(
    dirs.filter((d) => !(RULE_IDS as string[]).includes(d)),
    [],
  );
  for (const [id, why] of [...Object.entries(NO_FOLDER), ...Object.entries(NO_CASE).flatMap(([id, m]) => Object.values(m).map((w) => [id, w] as const))]) {
    assert.ok((RULE_IDS as string[]).includes(id) && why.length > 20, `${id}: a known code, with a reason`);
  }
});
