/**
 * A burst of typing, sent as fast as the stream takes it, with a request in the middle:
 * the server checks the newest version instead of every queued one, answers the request
 * before it publishes the burst's final diagnostics, and those equal a fresh check of the
 * final text. No timing assertions (the figures are in scripts/bench/typing-burst.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { connectInProcess } from './helpers/lspClient';
import { generateDeckText } from '../../scripts/bench/gen-deck';

/** An in-process server with 2.8 → 3.10 settings, initialized; what it publishes is kept in order beside the test's own events. */
async function burstClient() {
  const client = connectInProcess();
  const published: PublishDiagnosticsParams[] = [];
  const events: string[] = [];
  const waiters: Array<() => void> = [];
  client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    events.push(`diagnostics ${p.uri} v${p.version}`);
    waiters.splice(0).forEach((w) => w());
  });
  client.onNotification(() => undefined);
  client.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ currentVersion: '2.8', targetVersion: '3.10', edition: 'oss' })));
  client.onRequest('client/registerCapability', () => null);
  client.listen();
  /** Resolves once `pred` holds (checked at each publish, and every 100 ms). */
  const until = async (pred: () => boolean, what: string) => {
    const deadline = Date.now() + 120000;
    while (!pred()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 100);
      });
    }
  };
  await client.sendRequest('initialize', { processId: null, rootUri: null, capabilities: { workspace: { configuration: true } } });
  await client.sendNotification('initialized', {});
  return { client, published, events, until };
}

test('a burst of edits is coalesced, a request inside it is answered before the burst is worked off, and the final diagnostics equal a fresh check', async () => {
  const { client, published, events, until } = await burstClient();
  try {
    const uri = 'file:///burst/kong.yaml';
    const lines = generateDeckText(0.2).split('\n');
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: lines.join('\n') } });
    await until(() => published.some((p) => p.uri === uri), 'the first diagnostics');
    const before = published.length;

    // 300 edits typed into `host:` values and a few new comment lines, a hover after the 150th.
    const places = lines.map((l, i) => (/^\s+host: \S/.test(l) ? i : -1)).filter((i) => i >= 0);
    const N = 300;
    let hover: Promise<unknown> | undefined;
    for (let e = 0; e < N; e++) {
      const line = places[(e * 7) % places.length]!;
      const col = lines[line]!.length;
      let change: Record<string, unknown>;
      if (e % 50 === 49) {
        change = { range: { start: { line, character: col }, end: { line, character: col } }, text: '\n  # note' };
        lines.splice(line + 1, 0, '  # note');
        places.forEach((p, i) => p > line && (places[i] = p + 1));
      } else {
        change = { range: { start: { line, character: col }, end: { line, character: col } }, text: 'x' };
        lines[line] += 'x';
      }
      void client.sendNotification('textDocument/didChange', { textDocument: { uri, version: e + 2 }, contentChanges: [change] });
      if (e === N / 2) {
        hover = client.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 4 } }).then((h) => {
          events.push('hover answered');
          return h;
        });
      }
    }
    await until(() => published.some((p) => p.uri === uri && p.version === N + 1), 'the final diagnostics');
    await hover;
    const final = published.find((p) => p.uri === uri && p.version === N + 1)!.diagnostics;
    assert.ok(events.indexOf('hover answered') < events.indexOf(`diagnostics ${uri} v${N + 1}`), `the hover came before the burst was worked off: ${events.slice(-6).join(', ')}`);
    const during = published.slice(before).filter((p) => p.uri === uri).length;
    assert.ok(during <= 10, `${during} publishes for ${N} queued edits: the newest version is checked, not each one`);

    const fresh = 'file:///burst/fresh/kong.yaml';
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri: fresh, languageId: 'yaml', version: 1, text: lines.join('\n') } });
    await until(() => published.some((p) => p.uri === fresh), 'the fresh check');
    const key = (d: Diagnostic) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.message}`;
    assert.deepEqual(final.map(key), published.find((p) => p.uri === fresh)!.diagnostics.map(key), 'the final diagnostics equal a fresh check');
    assert.ok(final.length > 0);
  } finally {
    client.dispose();
  }
});

test('the lightbulb during a burst is answered from the last check carried through the edits: the same fixes, against the current text, without waiting for a check', async () => {
  const { client, published, events, until } = await burstClient();
  type Action = { title: string; kind?: string; isPreferred?: boolean; edit: { changes: Record<string, Array<{ range: unknown; newText: string }>> } };
  try {
    const uri = 'file:///burst/lightbulb.yaml';
    const lines = generateDeckText(0.2).split('\n');
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: lines.join('\n') } });
    await until(() => published.some((p) => p.uri === uri), 'the first diagnostics');
    const first = published.find((p) => p.uri === uri)!.diagnostics;
    // A fixable finding in the second half of the file; the edits go before it (its lines stay, its offsets move).
    const target = first.filter((d) => d.data && d.range.start.line > lines.length / 2)[0]!;
    assert.ok(target, 'the generated file has a fixable finding');
    const editLine = lines.findIndex((l, i) => i > 10 && /^\s+host: \S/.test(l) && i < target.range.start.line - 50);
    const N = 60;
    let version = 1;
    for (let e = 0; e < N; e++) {
      const col = lines[editLine]!.length;
      const change = e % 20 === 19 ? { text: '\n  # note', at: col } : { text: 'x', at: col };
      void client.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: ++version },
        contentChanges: [{ range: { start: { line: editLine, character: change.at }, end: { line: editLine, character: change.at } }, text: change.text }],
      });
      if (change.text.startsWith('\n')) lines.splice(editLine + 1, 0, '  # note');
      else lines[editLine] += 'x';
    }
    const shift = Math.floor(N / 20);
    const at = { start: { line: target.range.start.line + shift, character: target.range.start.character }, end: { line: target.range.start.line + shift, character: target.range.start.character } };
    const during = (await client.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: at, context: { diagnostics: [], triggerKind: 2 } })) as Action[];
    events.push('code action answered');
    await until(() => published.some((p) => p.uri === uri && p.version === version), 'the final diagnostics');
    assert.ok(events.indexOf('code action answered') < events.indexOf(`diagnostics ${uri} v${version}`), `answered before the burst was checked: ${events.slice(-4).join(', ')}`);
    assert.ok(during.length > 0, 'the fix is offered during the burst');
    // The same request once the current version is checked: the same quick fixes, edit for edit
    // (fix-all, for the whole file, waits for that check: the lightbulb asks again when the diagnostics change).
    const after = (await client.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: at, context: { diagnostics: [], triggerKind: 2 } })) as Action[];
    const shape = (xs: Action[]) => xs.filter((x) => x.kind === 'quickfix').map((x) => ({ title: x.title, preferred: !!x.isPreferred, edits: x.edit.changes[uri] }));
    assert.deepEqual(shape(during), shape(after));

    // A character typed inside that finding: it is not carried (only a check of the current text says what it is now).
    const inside = { line: at.start.line, character: at.start.character + 1 };
    void client.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: { start: inside, end: inside }, text: 'q' }] });
    const onEdited = (await client.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: at, context: { diagnostics: [], triggerKind: 2 } })) as Action[];
    assert.deepEqual(shape(onEdited), [], 'nothing carried for a finding an edit touched');
  } finally {
    client.dispose();
  }
});
