/** The plan as the CLI prints it: JSON for tools (the documented shape) and text for people. */
import type { PlanFinding, UpgradePlan } from './types';

function findingJson(f: PlanFinding) {
  const start = { line: f.line - 1, character: (f.column ?? 1) - 1 };
  const end = f.endLine ? { line: f.endLine - 1, character: (f.endColumn ?? 1) - 1 } : start;
  return {
    path: f.path,
    code: f.code,
    severity: f.severity === 'info' ? 'information' : f.severity,
    message: f.message,
    range: { start, end },
    property: f.property ?? null,
    ...(f.plugin !== undefined ? { plugin: f.plugin, field: f.field ?? null } : {}),
    replacement: f.replacement ?? null,
  };
}

export function planToJson(plan: UpgradePlan) {
  return {
    from: plan.from,
    to: plan.to,
    topology: plan.topology,
    edition: plan.edition,
    ...(plan.error ? { error: plan.error } : {}),
    hops: plan.hops.map((h) => ({
      from: h.from,
      to: h.to,
      ...(h.minimum ? { minimum: h.minimum } : {}),
      kind: h.kind,
      guaranteed: h.guaranteed,
      ...(h.prehop ? { prehop: true } : {}),
      rules: h.rules,
      strategy: { name: h.strategy.name, kind: h.strategy.kind, why: h.strategy.why, ...(h.strategy.controlPlane ? { controlPlane: h.strategy.controlPlane } : {}) },
      steps: h.strategy.steps.map((s) => ({ phase: s.phase, text: s.text, ...(s.command ? { command: s.command } : {}), rules: s.rules })),
      ...(h.deckConvert ? { deckConvert: h.deckConvert } : {}),
      findings: h.findings.map(findingJson),
      changes: h.changes,
    })),
    prehops: plan.prehops,
    alternatives: plan.alternatives,
    notes: plan.notes,
  };
}

export function planToText(plan: UpgradePlan): string {
  const out: string[] = [];
  out.push(`Kong upgrade plan: ${plan.from} → ${plan.to} (${plan.topology}, ${plan.edition === 'enterprise' ? 'Enterprise' : 'open source'})`);
  if (plan.error) out.push(`No plan: ${plan.error.message}`);
  // Patch upgrades within the current line first (as the Markdown and JSON plans list them).
  if (plan.prehops.length) {
    out.push('', 'Patch pre-hops:');
    for (const p of plan.prehops) {
      const min = p.minimum ? ` (at least ${p.minimum})` : '';
      const cond = p.conditional ? ' (skip if you are already there)' : '';
      const why = p.rules.length ? `  [${p.rules.map((r) => r.id).join(', ')}]` : '';
      out.push(`  - ${p.required ? 'required' : 'recommended'}: ${p.from} → ${p.to}${min}: ${p.reason}${cond}${why}`);
    }
  }
  plan.hops.forEach((h, i) => {
    out.push('');
    out.push(`Hop ${i + 1}: ${h.from} → ${h.to}${h.minimum && h.minimum !== h.to ? ` (at least ${h.minimum})` : ''}  [${h.guaranteed ? 'guaranteed path' : 'not a guaranteed path'}]`);
    out.push(`  why: ${h.rules.map((r) => `${r.id} ${r.title}`).join('; ') || '—'}`);
    out.push(`  strategy: ${h.strategy.name}: ${h.strategy.why}`);
    for (const phase of ['before', 'during', 'after'] as const) {
      const steps = h.strategy.steps.filter((s) => s.phase === phase);
      if (!steps.length) continue;
      out.push(`  ${phase}:`);
      for (const s of steps) out.push(`    - ${s.text}${s.command ? `  $ ${s.command}` : ''}`);
    }
    if (h.findings.length) {
      out.push(`  in your files (${h.findings.length}):`);
      for (const f of h.findings) out.push(`    ${f.path}:${f.line}:${f.column ?? 1} ${f.severity} ${f.code} ${f.message}`);
    }
    const changes = h.changes.breaking.length + h.changes.deprecations.length;
    if (changes) {
      out.push(`  changelog: ${h.changes.breaking.length} breaking change(s), ${h.changes.deprecations.length} deprecation(s) that may concern you`);
      for (const c of [...h.changes.breaking, ...h.changes.deprecations]) {
        out.push(`    - ${c.version}${c.kind === 'deprecation' ? ' (deprecation)' : ''}: ${c.summary ?? c.label}`);
      }
    }
  });
  if (plan.notes.length) {
    out.push('', 'Notes:');
    for (const n of plan.notes) out.push(`  - [${n.severity}] ${n.message}`);
  }
  return out.join('\n');
}
