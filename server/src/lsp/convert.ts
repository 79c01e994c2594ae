/**
 * The one place where the core's offsets become LSP positions and back, and core
 * findings become LSP diagnostics. Nothing else converts.
 */
import { CodeAction, CodeActionKind, Diagnostic, DiagnosticSeverity, DiagnosticTag, Position, Range, TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { Finding, Fix, Severity, Span, TextEdit } from '../core/model';
import type { LinePosition } from '../core/text';
import { ruleMeta } from '../core/rules/registry';

export const DIAGNOSTIC_SOURCE = 'kong';

/**
 * Offset <-> line/character mapping of one document version: the core's `LineIndex`, or
 * (in the server) the open TextDocument's own line table, which the document keeps up to
 * date edit by edit.
 */
export interface PositionIndex {
  positionAt(offset: number): LinePosition;
  offsetAt(pos: LinePosition): number;
}

export function toPosition(index: PositionIndex, offset: number): Position {
  const p = index.positionAt(offset);
  return Position.create(p.line, p.character);
}

export function toRange(index: PositionIndex, span: Span): Range {
  return Range.create(toPosition(index, span.start), toPosition(index, span.end));
}

export function fromPosition(index: PositionIndex, pos: Position): number {
  return index.offsetAt({ line: pos.line, character: pos.character });
}

export function fromRange(index: PositionIndex, range: Range): Span {
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

export function toTextEdit(index: PositionIndex, e: TextEdit): LspTextEdit {
  return LspTextEdit.replace(toRange(index, { start: e.start, end: e.end }), e.newText);
}

/**
 * Payload carried in `diagnostic.data` of a diagnostic whose finding has fixes: the
 * finding's id (see `findingId`). A big decK file has tens of thousands of diagnostics,
 * so the edits themselves are not sent with every publish; the code action handler looks
 * the id up among the findings of the document's current analysis and turns that
 * finding's fixes into LSP edits there. The core hands back the very same Finding object
 * for a part of the document that did not change (same text at the same offset), so an
 * id found in the current analysis is valid for the current text even when the
 * diagnostic was published for an older version; an id that is not found (the finding
 * changed or moved) falls back to the findings at the requested range.
 */
export interface DiagnosticData {
  id: number;
  /**
   * The fixes themselves, as offset edits `[start, end, newText]` into the text the
   * diagnostic was published for, sent while a document has at most
   * `FULL_PAYLOAD_LIMIT` findings (every hand-written file): clients and tools can read
   * what a fix does without asking. Above that only the id travels.
   */
  fixes?: Array<{ title: string; preferred: boolean; edits: Array<[number, number, string]> }>;
}

/** Documents with more findings than this publish fix ids only (see DiagnosticData). */
export const FULL_PAYLOAD_LIMIT = 5000;

const findingIds = new WeakMap<Finding, number>();
let nextFindingId = 1;

/** A number naming this Finding object for the server's lifetime. */
export function findingId(f: Finding): number {
  let id = findingIds.get(f);
  if (id === undefined) findingIds.set(f, (id = nextFindingId++));
  return id;
}

/** The id a diagnostic's data carries, if any. */
export function dataId(d: Diagnostic): number | undefined {
  const data = d.data as Partial<DiagnosticData> | undefined;
  return data && typeof data.id === 'number' ? data.id : undefined;
}

const diagnosticCache = new WeakMap<Finding, { diagnostic: Diagnostic; full: boolean; line: number; character: number }>();

/**
 * Finding -> Diagnostic. Findings the core reuses for unchanged parts of a document come
 * back as the same objects: their conversion (the same Diagnostic object) is reused when
 * the finding still starts at the same line and character (then its whole range is
 * unchanged too). Treat the result as read-only.
 */
export function toDiagnostic(index: PositionIndex, f: Finding, fullPayload = false): Diagnostic {
  const start = index.positionAt(f.span.start);
  const hit = diagnosticCache.get(f);
  if (hit && hit.full === fullPayload && hit.line === start.line && hit.character === start.character) return hit.diagnostic;
  const d = buildDiagnostic(index, f, start);
  if (fullPayload && f.fixes?.length) {
    (d.data as DiagnosticData).fixes = f.fixes.map((x) => ({ title: x.title, preferred: x.preferred, edits: x.edits.map((e): [number, number, string] => [e.start, e.end, e.newText]) }));
  }
  diagnosticCache.set(f, { diagnostic: d, full: fullPayload, line: start.line, character: start.character });
  return d;
}

function buildDiagnostic(index: PositionIndex, f: Finding, start: { line: number; character: number }): Diagnostic {
  const end = f.span.end === f.span.start ? start : index.positionAt(f.span.end);
  const d: Diagnostic = {
    range: { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } },
    severity: toSeverity(f.severity),
    code: f.code,
    source: DIAGNOSTIC_SOURCE,
    message: f.message,
  };
  // The finding's own link (a property's or plugin's page) when it has one, else the rule's page
  // from the registry. Plugin-field findings (tens of thousands in a big decK file) carry no
  // link: their hover links the plugin's page, and the bytes would slow the publish.
  const href = f.docsUrl ?? (f.plugin === undefined ? ruleMeta(f.code)?.docsUrl : undefined);
  if (href) d.codeDescription = { href };
  if (f.tags?.length) {
    const tags: DiagnosticTag[] = [];
    if (f.tags.includes('deprecated')) tags.push(DiagnosticTag.Deprecated);
    if (f.tags.includes('unnecessary')) tags.push(DiagnosticTag.Unnecessary);
    if (tags.length) d.tags = tags;
  }
  if (f.fixes?.length) d.data = { id: findingId(f) } satisfies DiagnosticData;
  return d;
}

/** The LSP edits of a fix. */
export function fixEdits(index: PositionIndex, fix: Fix): LspTextEdit[] {
  return fix.edits.map((e) => toTextEdit(index, e));
}

export function quickFixAction(uri: string, index: PositionIndex, diagnostic: Diagnostic, fix: Fix): CodeAction {
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fix.preferred,
    edit: { changes: { [uri]: fixEdits(index, fix) } },
  };
}
