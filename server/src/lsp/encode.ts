/**
 * JSON encoding of outgoing messages for stream transports (stdio, sockets, pipes), with
 * the JSON text of each published Diagnostic kept for the next publish.
 *
 * A large decK file publishes tens of thousands of diagnostics after every edit, and
 * almost all of them are the very same Diagnostic objects as last time (see
 * `toDiagnostic`): their text is joined instead of encoded again. The first publish of a
 * set is encoded in one `JSON.stringify` (the fastest way to encode it once); the text of
 * its diagnostics is then worked out a slice at a time while the server is idle.
 * Diagnostics are treated as read-only once published (as `toDiagnostic` asks).
 *
 * Runs of diagnostics are also kept as UTF-8 bytes: a run starts at a diagnostic picked
 * once for all (about one in CHUNK), so the runs an edit did not touch are the same runs
 * next time and their bytes are copied, not joined and encoded again (a 10 MB file's
 * publish is ~25 MB of JSON after every edit).
 */
import type { Diagnostic } from 'vscode-languageserver';

interface Msg {
  jsonrpc: string;
  method?: string;
  params?: unknown;
}

/** Diagnostics encoded per idle slice. */
const SLICE = 2000;
/** About one diagnostic in this many starts a run of bytes kept for the next publish. */
const CHUNK = 128;
const COMMA = Buffer.from(',');

export interface MessageEncoder {
  name: string;
  encode(msg: Msg, options: { charset: BufferEncoding | string }): Promise<Uint8Array>;
}

export function createMessageEncoder(): MessageEncoder {
  const texts = new WeakMap<Diagnostic, string>();
  let pending: Diagnostic[][] = [];
  let scheduled = false;

  const idle = () => {
    scheduled = false;
    const list = pending[0];
    if (!list) return;
    let n = 0;
    while (list.length && n < SLICE) {
      const d = list.pop()!;
      if (!texts.has(d)) texts.set(d, JSON.stringify(d));
      n++;
    }
    if (!list.length) pending.shift();
    if (pending.length) schedule();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(idle);
  };

  /** Whether a diagnostic starts a run (decided when first seen, so runs stay put from publish to publish). */
  const starts = new WeakMap<Diagnostic, boolean>();
  let seen = 0;
  const startsRun = (d: Diagnostic) => {
    let b = starts.get(d);
    if (b === undefined) starts.set(d, (b = seen++ % CHUNK === 0));
    return b;
  };
  /** The bytes of the run that starts at a diagnostic, with the diagnostics it holds. */
  const runs = new WeakMap<Diagnostic, { run: Diagnostic[]; bytes: Buffer }>();
  const textOfDiagnostic = (d: Diagnostic) => {
    let t = texts.get(d);
    if (t === undefined) texts.set(d, (t = JSON.stringify(d)));
    return t;
  };

  /** The message as UTF-8 from kept runs, when it is a publish of mostly known diagnostics; else null. */
  const bytesOf = (msg: Msg): Buffer | null => {
    if (msg.method !== 'textDocument/publishDiagnostics') return null;
    const params = msg.params as { diagnostics?: unknown } | undefined;
    const diags = params?.diagnostics as Diagnostic[] | undefined;
    if (!Array.isArray(diags) || diags.length < CHUNK * 4) return null;
    let known = 0;
    for (const d of diags) if (texts.has(d)) known++;
    if (known * 2 < diags.length) return null;
    const { diagnostics: _omit, ...rest } = params as Record<string, unknown>;
    const { params: _params, ...top } = msg;
    const head = JSON.stringify({ ...top, params: rest });
    const restText = head.slice(0, -2);
    const sep = restText.endsWith('{') ? '' : ',';
    const parts: Buffer[] = [Buffer.from(`${restText}${sep}"diagnostics":[`, 'utf8')];
    for (let i = 0; i < diags.length; ) {
      let j = i + 1;
      while (j < diags.length && j - i < CHUNK * 8 && !startsRun(diags[j]!)) j++;
      const first = diags[i]!;
      const kept = runs.get(first);
      let same = !!kept && kept.run.length === j - i;
      for (let k = 0; same && k < j - i; k++) same = kept!.run[k] === diags[i + k];
      let bytes: Buffer;
      if (same) bytes = kept!.bytes;
      else {
        const run = diags.slice(i, j);
        bytes = Buffer.from(run.map(textOfDiagnostic).join(','), 'utf8');
        runs.set(first, { run, bytes });
      }
      if (i > 0) parts.push(COMMA);
      parts.push(bytes);
      i = j;
    }
    parts.push(Buffer.from(']}}', 'utf8'));
    return Buffer.concat(parts);
  };

  const textOf = (msg: Msg): string => {
    if (msg.method !== 'textDocument/publishDiagnostics') return JSON.stringify(msg);
    const params = msg.params as { diagnostics?: unknown } | undefined;
    const diags = params?.diagnostics;
    if (!Array.isArray(diags) || diags.length < 64) return JSON.stringify(msg);
    let known = 0;
    for (const d of diags as Diagnostic[]) if (texts.has(d)) known++;
    if (known * 2 < diags.length) {
      // Mostly new: one stringify now, the per-diagnostic text later.
      if (pending.length > 4) pending = pending.slice(-4);
      pending.push((diags as Diagnostic[]).slice());
      schedule();
      return JSON.stringify(msg);
    }
    const parts = new Array<string>(diags.length);
    for (let i = 0; i < diags.length; i++) {
      const d = diags[i] as Diagnostic;
      let t = texts.get(d);
      if (t === undefined) texts.set(d, (t = JSON.stringify(d)));
      parts[i] = t;
    }
    const { diagnostics: _omit, ...rest } = params as Record<string, unknown>;
    const { params: _params, ...top } = msg;
    const head = JSON.stringify({ ...top, params: rest });
    // head ends with `}}` (params, then the message); put the diagnostics in params.
    const restText = head.slice(0, -2);
    const sep = restText.endsWith('{') ? '' : ',';
    return `${restText}${sep}"diagnostics":[${parts.join(',')}]}}`;
  };

  return {
    name: 'application/json',
    encode(msg, options) {
      try {
        const utf8 = /^utf-?8$/i.test(String(options.charset));
        const bytes = utf8 ? bytesOf(msg) : null;
        return Promise.resolve(bytes ?? Buffer.from(textOf(msg), options.charset as BufferEncoding));
      } catch (e) {
        return Promise.reject(e);
      }
    },
  };
}
