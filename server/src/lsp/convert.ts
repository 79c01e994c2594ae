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

/** Payload carried in `diagnostic.data`: the fixes, already as LSP edits for this document version. */
export interface DiagnosticData {
  version: number;
  fixes: Array<{ title: string; preferred: boolean; edits: LspTextEdit[] }>;
  property?: string;
  plugin?: string;
  field?: string;
  replacement?: string | null;
}

export function toDiagnostic(index: LineIndex, f: Finding, version: number): Diagnostic {
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
    version,
    fixes: (f.fixes ?? []).map((x: Fix) => ({ title: x.title, preferred: x.preferred, edits: x.edits.map((e) => toTextEdit(index, e)) })),
  };
  if (f.property !== undefined) data.property = f.property;
  if (f.plugin !== undefined) data.plugin = f.plugin;
  if (f.field !== undefined) data.field = f.field;
  if (f.replacement !== undefined) data.replacement = f.replacement;
  d.data = data;
  return d;
}

export function quickFixAction(uri: string, diagnostic: Diagnostic, fix: DiagnosticData['fixes'][number]): CodeAction {
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fix.preferred,
    edit: { changes: { [uri]: fix.edits } },
  };
}
