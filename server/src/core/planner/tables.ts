/**
 * Reproduction of Kong's per-target upgrade tables (targets 3.1-3.8, section T of the
 * rules) from the compact templates in upgrade.json. The planner offers them only as
 * published alternatives (P9); the conservative path never follows them by default.
 */
import type { PlannerKnowledge, TableRow, TableRowRule, Topology } from './types';
import { editionLines, inSet, lineOf, vcmp } from './versions';

type TableTopology = TableRow['topology'];

/** Release line a row starts from ("2.x-2.7.x" -> "2.7"). */
function rowLine(row: string): string {
  if (row === '2.x-2.7.x') return '2.7';
  return lineOf(row.split('-')[0].replace(/\.x$/, ''));
}

function templateFor(k: PlannerKnowledge, target: string, row: string, topology: TableTopology): TableRowRule | undefined {
  const key = /^\d+\.\d+\.x$/.test(row) && row !== '2.8.x' ? 'line' : row;
  return k.upgrade.tables.templates.find((t) => inSet(target, t.targets) && t.rows.includes(key) && t.topologies.includes(topology) && (key !== 'line' || inSet(rowLine(row), t.rowLines)));
}

/** Expand one row of the table for `target`. Undefined when the table has no such row. */
export function publishedTableRow(k: PlannerKnowledge, target: string, row: string, topology: TableTopology): TableRow | undefined {
  const t = lineOf(target);
  if (!k.upgrade.tables.targets.includes(t)) return undefined;
  if (!tableRows(k, t, topology).includes(row)) return undefined;
  const tpl = templateFor(k, t, row, topology);
  if (!tpl) return undefined;
  const eeLines = editionLines(k, 'enterprise').map((l) => l.minor);
  const stops: string[] = [];
  const blueGreenOnly: string[] = [];
  let current = rowLine(row);
  for (const token of tpl.path) {
    if (token === '..') {
      for (const l of eeLines) {
        if (vcmp(l, current) > 0 && vcmp(l, t) <= 0 && l.startsWith(`${t.split('.')[0]}.`)) stops.push(l);
      }
      current = t;
      continue;
    }
    const bg = token.endsWith('?bg');
    const stop = bg ? token.slice(0, -3) : token;
    stops.push(stop);
    if (bg) blueGreenOnly.push(stop);
    current = lineOf(stop.replace(/\.x$/, ''));
  }
  return { target: t, row, topology, stops, blueGreenOnly, direct: stops.length === 1 };
}

/** Row keys of a target's table for one topology, in the order Kong listed them. */
export function tableRows(k: PlannerKnowledge, target: string, topology: TableTopology): string[] {
  const t = lineOf(target);
  const out: string[] = [];
  for (const key of k.upgrade.tables.rowsFor[topology]) {
    if (key === 'line') {
      for (const l of editionLines(k, 'enterprise')) {
        if (vcmp(l.minor, '3.0') < 0 || vcmp(l.minor, t) >= 0) continue;
        if (topology === 'hybrid' && l.minor === '3.1') continue; // split into the two 3.1 hybrid rows
        out.push(`${l.minor}.x`);
      }
    } else if (key === '3.1.0.x-3.1.1.2' || key === '3.1.1.3') {
      if (vcmp(t, '3.1') > 0) out.push(key);
    } else {
      out.push(key);
    }
  }
  // Keep Kong's order: 2.x rows, 3.0.x, the 3.1 rows, then later lines.
  return out.sort((a, b) => vcmp(rowLine(a), rowLine(b)) || (a === '3.1.0.x-3.1.1.2' ? -1 : b === '3.1.0.x-3.1.1.2' ? 1 : 0));
}

/** The whole table Kong published for `target` (all topologies). */
export function publishedTable(k: PlannerKnowledge, target: string): TableRow[] {
  const out: TableRow[] = [];
  for (const topology of ['traditional', 'hybrid', 'dbless'] as const) {
    for (const row of tableRows(k, target, topology)) {
      const r = publishedTableRow(k, target, row, topology);
      if (r) out.push(r);
    }
  }
  return out;
}

/** Which table row a current version falls in (undefined below 2.0 or outside the tables). */
export function tableRowFor(fromLine: string, fromExact: string | undefined, topology: Topology): string | undefined {
  if (vcmp(fromLine, '2.0') < 0 || vcmp(fromLine, '4.0') >= 0) return undefined;
  if (vcmp(fromLine, '2.8') < 0) return '2.x-2.7.x';
  if (fromLine === '2.8') return '2.8.x';
  if (fromLine === '3.1' && topology === 'hybrid') {
    return fromExact && vcmp(fromExact, '3.1.1.3') >= 0 ? '3.1.1.3' : '3.1.0.x-3.1.1.2';
  }
  return `${fromLine}.x`;
}
