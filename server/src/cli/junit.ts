/**
 * JUnit XML for CI test-report views (GitLab, Jenkins, Azure DevOps…): one test suite per
 * file, one test case per finding. Findings that reach --fail-on are failures; the others
 * pass and carry their message as output. A file without findings is one passing case.
 */
import type { Finding } from '../core/model';
import type { FileReport } from './format';
import { displayPath, locate } from './locate';

/** Text for an XML attribute or element: markup escaped, characters XML 1.0 cannot hold dropped. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;');
}

export function formatJunit(reports: FileReport[], root: string, fails: (f: Finding) => boolean): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const r of reports) {
    const file = displayPath(root, r.path);
    const cases: string[] = [];
    let suiteFailures = 0;
    for (const l of locate(r, file)) {
      const f = l.finding;
      const name = xmlEscape(`${f.code} ${file}:${l.line}:${l.column}`);
      const head = `    <testcase name="${name}" classname="${xmlEscape(file)}" file="${xmlEscape(file)}" line="${l.line}">`;
      const body = `${f.severity}: ${f.message}\n${file}:${l.line}:${l.column}`;
      if (fails(f)) {
        suiteFailures++;
        cases.push(`${head}\n      <failure message="${xmlEscape(f.message)}" type="${xmlEscape(f.code)}">${xmlEscape(body)}</failure>\n    </testcase>`);
      } else {
        cases.push(`${head}\n      <system-out>${xmlEscape(body)}</system-out>\n    </testcase>`);
      }
    }
    if (!cases.length) {
      const out = r.note ? `\n      <skipped message="${xmlEscape(r.note)}"/>\n    ` : '';
      cases.push(`    <testcase name="${xmlEscape(file)}" classname="${xmlEscape(file)}" file="${xmlEscape(file)}">${out}</testcase>`);
    }
    const skipped = r.note && !r.findings.length ? 1 : 0;
    tests += cases.length;
    failures += suiteFailures;
    suites.push(`  <testsuite name="${xmlEscape(file)}" tests="${cases.length}" failures="${suiteFailures}" errors="0" skipped="${skipped}">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="kong-upgrade" tests="${tests}" failures="${failures}" errors="0">`, ...suites, '</testsuites>'].join('\n');
}
