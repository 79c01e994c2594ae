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
 */
import type { Diagnostic } from 'vscode-languageserver';

interface Msg {
  jsonrpc: string;
  method?: string;
  params?: unknown;
}

/** Diagnostics encoded per idle slice. */
const SLICE = 2000;

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
        return Promise.resolve(Buffer.from(textOf(msg), options.charset as BufferEncoding));
      } catch (e) {
        return Promise.reject(e);
      }
    },
  };
}
