/**
 * What hover and completion read of an open document. A YAML decK file (its kind told by
 * its first 16 KB) is read as the cursor's entry alone, its ancestor key lines and the
 * entry (`entrySlice` of the core), taken from the document's line table without joining
 * its text: a burst of typing in a big file joined a megabyte for every request, and the
 * request queue waited for it. Everything else, and what the entry alone cannot decide,
 * reads the whole text. Answers are the same either way (requestText.test.ts).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { detectKind, KIND_HEAD_CHARS, kindFromHead, type CheckEnv } from '../core/check';
import type { FileKind } from '../core/model';
import { entrySlice } from '../core/yamlCursor';
import { mayUseAnchors } from '../core/declarative/hover';
import { LazyTextDocument } from './lazyDocument';

export interface RequestText {
  kind: FileKind;
  /** The text read: the whole document, or the cursor's entry. */
  text: string;
  /** The cursor in `text`. */
  offset: number;
  /** Add to an offset in `text` for the document's offset (0 for the whole text). */
  delta: number;
}

/**
 * The text a request at `offset` reads; null when the document is not a Kong file.
 * `purpose` 'hover' also reads the whole text when the entry may use anchors or aliases
 * (a plugin's fields may come from elsewhere); completion reads indentation only.
 */
export function requestText(doc: TextDocument, path: string, env: CheckEnv, offset: number, purpose: 'hover' | 'completion'): RequestText | null {
  const local = doc instanceof LazyTextDocument ? entryOf(doc, path, env, offset) : null;
  if (local && !(purpose === 'hover' && mayUseAnchors(local.text))) return { kind: 'declarative', ...local };
  const text = doc.getText();
  const kind = detectKind(path, text, env);
  return kind === 'unknown' ? null : { kind, text, offset, delta: 0 };
}

function entryOf(doc: LazyTextDocument, path: string, env: CheckEnv, offset: number): { text: string; offset: number; delta: number } | null {
  const head = doc.slice(0, KIND_HEAD_CHARS);
  if (kindFromHead(path, head, env) !== 'declarative') return null;
  // JSON (or a text that opens with flow content) is read whole, as the core does.
  const lead = /^\s*/.exec(head)![0].length;
  if (lead === head.length || head[lead] === '{' || head[lead] === '[') return null;
  const view = doc.lineView();
  if (!view) return null;
  const s = entrySlice(view, offset);
  if (/^\s*[{[]/.test(s.text)) return null;
  return { text: s.text, offset: offset - s.delta, delta: s.delta };
}
