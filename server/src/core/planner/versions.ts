/**
 * Version helpers for the planner: release lines per edition (including the pre-1.0 and
 * legacy Enterprise lines that ReleasesKnowledge leaves out) and tolerant parsing.
 */
import type { Edition } from '../knowledge/types';
import { compareVersions, knownPatch, matchVersion, minorOf, nearLinesHint, parseParts } from '../version';
import type { LineSet, PlannerKnowledge } from './types';

/** Version parsing and ordering are the core's (../version); these names keep the planner's call sites short. */
export const vparts = parseParts;
export const vcmp = compareVersions;
export const lineOf = minorOf;

export function majorOf(line: string): number {
  return vparts(line)?.[0] ?? 0;
}

export function inSet(line: string, set: LineSet | undefined): boolean {
  if (!set) return true;
  if (set.lines && !set.lines.some((l) => vcmp(l, line) === 0)) return false;
  if (set.min !== undefined && vcmp(line, set.min) < 0) return false;
  if (set.max !== undefined && vcmp(line, set.max) > 0) return false;
  return true;
}

export interface LineNode {
  minor: string;
  /** Known released patches of this edition, ascending. */
  patches: string[];
  lts: boolean;
  legacy: boolean;
}

/** All release lines the edition shipped, ascending. */
export function editionLines(k: PlannerKnowledge, edition: Edition): LineNode[] {
  const out: LineNode[] = [];
  for (const l of k.upgrade.legacyLines) {
    if (l.edition === edition) out.push({ minor: l.minor, patches: l.patches, lts: false, legacy: true });
  }
  for (const l of k.releases.lines) {
    const has = edition === 'oss' ? l.oss : l.enterprise;
    if (!has) continue;
    out.push({ minor: l.minor, patches: edition === 'oss' ? l.ossPatches : l.enterprisePatches, lts: l.lts, legacy: false });
  }
  return out.sort((a, b) => vcmp(a.minor, b.minor));
}

export function latestPatch(node: LineNode): string {
  return node.patches[node.patches.length - 1] ?? node.minor;
}

export interface Resolved {
  input: string;
  line: string;
  node: LineNode;
  /** Exact version when the input named a patch (known or not). */
  exact?: string;
  /** The exact patch is in the release facts. */
  known: boolean;
  note?: string;
}

export type Resolution = { ok: true; value: Resolved } | { ok: false; reason: 'syntax' | 'unknown-line' | 'other-edition'; message: string };

/**
 * Resolve a user version against one edition's lines, with the same reading, line lookup,
 * patch match and "did you mean" as the checks' resolveVersion (../version: matchVersion,
 * knownPatch, nearLinesHint); what differs is the planner's policy: one edition, no switch. Patches with the other edition's
 * shape (3 parts for Enterprise, 4 for OSS) keep only their line (V2).
 */
export function resolveIn(k: PlannerKnowledge, edition: Edition, input: string): Resolution {
  const lines = editionLines(k, edition);
  const m = matchVersion(lines, input);
  if (!m.ok) return { ok: false, reason: 'syntax', message: `"${m.text}" is not a Kong version (expected e.g. 2.8, 3.4.2 or 3.4.3.29)` };
  const { text, parts: p, minor: line, pre, line: node } = m;
  if (!node) {
    const other = editionLines(k, edition === 'oss' ? 'enterprise' : 'oss').some((l) => l.minor === line);
    const dym = nearLinesHint(
      lines.map((l) => l.minor),
      line,
    );
    if (other) {
      const ed = edition === 'oss' ? 'open-source' : 'Enterprise';
      return { ok: false, reason: 'other-edition', message: `Kong ${line} has no ${ed} release${dym}` };
    }
    return { ok: false, reason: 'unknown-line', message: `Kong ${text} is not a known release line${dym} (known: ${lines[0]?.minor} to ${lines[lines.length - 1]?.minor})` };
  }
  if (pre) {
    const base = p.join('.');
    const exact = knownPatch(node.patches, base) ?? base;
    return { ok: true, value: { input: text, line, node, exact, known: node.patches.includes(exact), note: `${text} is a pre-release (${pre}) of ${base}; planning from ${base}` } };
  }
  if (p.length <= 2) return { ok: true, value: { input: text, line, node, known: false } };
  const legacy = /-/.test(text);
  const shapeOk = node.legacy || legacy ? true : edition === 'enterprise' ? p.length === 4 : p.length === 3;
  if (!shapeOk) {
    const want = edition === 'enterprise' ? 'four' : 'three';
    return {
      ok: true,
      value: {
        input: text,
        line,
        node,
        known: false,
        note: `${text} is not a ${edition === 'enterprise' ? 'Kong Gateway Enterprise' : 'open-source'} version (those have ${want} parts); only its line ${line} is used`,
      },
    };
  }
  const exact = knownPatch(node.patches, text);
  if (exact) return { ok: true, value: { input: text, line, node, exact, known: true } };
  return { ok: true, value: { input: text, line, node, exact: text, known: false, note: `${text} is not in the release facts; planning from its line ${line}` } };
}
