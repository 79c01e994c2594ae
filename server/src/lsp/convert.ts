/**
 * The one place where the core's offsets become LSP positions and back, and core
 * findings become LSP diagnostics. Nothing else converts.
 */
import {
  CodeAction,
  CodeActionKind,
  Diagnostic,
  DiagnosticSeverity,
  DiagnosticTag,
  Position,
  Range,
  TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { Finding, Fix, Severity, Span, TextEdit } from '../core/model';
import { LineIndex } from '../core/text';

export const DIAGNOSTIC_SOURCE = 'kong';

export function toPosition(index: LineIndex, offset: number): Position {
  const p = index.positionAt(offset);
  return Position.create(p.line, p.character);
}

export function toRange(index: LineIndex, span: Span): Range {
  return Range.create(toPosition(index, span.start), toPosition(index, span.end));
}

export function fromPosition(index: LineIndex, pos: Position): number {
  return index.offsetAt({ line: pos.line, character: pos.character });
}

export function fromRange(index: LineIndex, range: Range): Span {
  return { start: fromPosition(index, range.start), end: fromPosition(index, range.end) };
}

export function toSeverity(s: Severity): DiagnosticSeverity {
  switch (s) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'information':
      return DiagnosticSeverity.Information;
    default:
      return DiagnosticSeverity.Hint;
  }
}

export function toTextEdit(index: LineIndex, e: TextEdit): LspTextEdit {
  return LspTextEdit.replace(toRange(index, { start: e.start, end: e.end }), e.newText);
}

/**
 * Payload carried in `diagnostic.data`: the finding's fixes as offset edits
 * `[start, end, newText]` into the document version `version` (compact: a big decK file
 * has tens of thousands of diagnostics), turned into LSP edits when a code action is
 * asked for, with the same LineIndex.
 */
export interface DiagnosticData {
  version: number;
  fixes: Array<{ title: string; preferred: boolean; edits: Array<[number, number, string]> }>;
  property?: string;
  plugin?: string;
  field?: string;
  replacement?: string | null;
}

const diagnosticCache = new WeakMap<Finding, { diagnostic: Diagnostic; line: number; character: number }>();

/**
 * Finding -> Diagnostic. Findings the core reuses for unchanged parts of a document come
 * back as the same objects: their conversion is reused when the finding still starts at
 * the same line and character (then its whole range and fixes are unchanged too).
 */
export function toDiagnostic(index: LineIndex, f: Finding, version: number): Diagnostic {
  const start = index.positionAt(f.span.start);
  const hit = diagnosticCache.get(f);
  let d: Diagnostic;
  if (hit && hit.line === start.line && hit.character === start.character) {
    d = hit.diagnostic;
  } else {
    d = buildDiagnostic(index, f);
    diagnosticCache.set(f, { diagnostic: d, line: start.line, character: start.character });
  }
  return { ...d, data: { ...(d.data as DiagnosticData), version } };
}

function buildDiagnostic(index: LineIndex, f: Finding): Diagnostic {
  const d: Diagnostic = {
    range: toRange(index, f.span),
    severity: toSeverity(f.severity),
    code: f.code,
    source: DIAGNOSTIC_SOURCE,
    message: f.message,
  };
  if (f.docsUrl) d.codeDescription = { href: f.docsUrl };
  const tags: DiagnosticTag[] = [];
  if (f.tags?.includes('deprecated')) tags.push(DiagnosticTag.Deprecated);
  if (f.tags?.includes('unnecessary')) tags.push(DiagnosticTag.Unnecessary);
  if (tags.length) d.tags = tags;
  const data: DiagnosticData = {
    version: 0,
    fixes: (f.fixes ?? []).map((x: Fix) => ({ title: x.title, preferred: x.preferred, edits: x.edits.map((e): [number, number, string] => [e.start, e.end, e.newText]) })),
  };
  if (f.property !== undefined) data.property = f.property;
  if (f.plugin !== undefined) data.plugin = f.plugin;
  if (f.field !== undefined) data.field = f.field;
  if (f.replacement !== undefined) data.replacement = f.replacement;
  d.data = data;
  return d;
}

/** The LSP edits of a fix carried in a diagnostic's data. */
export function fixEdits(index: LineIndex, fix: DiagnosticData['fixes'][number]): LspTextEdit[] {
  return fix.edits.map(([start, end, newText]) => toTextEdit(index, { start, end, newText }));
}

export function quickFixAction(uri: string, index: LineIndex, diagnostic: Diagnostic, fix: DiagnosticData['fixes'][number]): CodeAction {
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fix.preferred,
    edit: { changes: { [uri]: fixEdits(index, fix) } },
  };
}
