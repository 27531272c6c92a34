// The language server end to end, as an editor drives it: spawns `vpnc lsp` (../../vpnc from
// editors/vscode, or the command in $VPNC), speaks LSP over its stdin/stdout with the protocol
// library vscode-languageclient is built on, and checks the answers against the compiler's.
// Needs the built jar (the launcher builds target/vpnc.jar on first use).
'use strict';

const { test } = require('node:test');
const assert = require('node:assert');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} = require('vscode-languageserver-protocol/node');

const root = path.resolve(__dirname, '..', '..', '..');
const vpnc = process.env.VPNC || path.join(root, 'vpnc');
const TIMEOUT = 60000;

// examples/reference/net.vpn with `uses edge` of gateway v1-1 misspelt `uses edgee`: the
// compiler's E0103 (unknown profile), as `vpnc check` reports it.
const fixed = fs.readFileSync(path.join(root, 'examples', 'reference', 'net.vpn'), 'utf8');
const typoLine = fixed.split('\n').findIndex((l) => l.includes('gateway v1-1 uses edge'));
const profileLine = fixed.split('\n').findIndex((l) => /^profile edge\b/.test(l));
const broken = fixed.replace('gateway v1-1 uses edge ', 'gateway v1-1 uses edgee ');

function within(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no ${what} within ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

test('vpnc lsp: diagnostics, hover, definition, completion, formatting, outline, references, rename, shutdown', { timeout: 240000 }, async () => {
  assert.ok(typoLine >= 0 && profileLine >= 0, 'the example still has `profile edge` and `gateway v1-1 uses edge`');
  assert.notStrictEqual(broken, fixed);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vpnc-lsp-test-'));
  const file = path.join(dir, 'net.vpn');
  fs.writeFileSync(file, broken);
  const uri = pathToFileURL(file).href;

  const server = spawn(vpnc, ['lsp'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  server.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve, reject) => {
    server.on('error', reject);
    server.on('exit', (code, signal) => resolve({ code, signal }));
  });
  const conn = createProtocolConnection(
    new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));

  // publishDiagnostics for `uri`, in order; waiters take the next one with a version ≥ wanted
  // (or any, when the server sends no version).
  const published = [];
  const waiters = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    if (p.uri !== uri) return;
    published.push({ params: p, at: process.hrtime.bigint() });
    flush();
  });
  function flush() {
    for (let i = 0; i < waiters.length; i++) {
      const w = waiters[i];
      const hit = published.find((e) => e.at >= w.after && w.accept(e.params));
      if (hit) { waiters.splice(i--, 1); w.resolve(hit); }
    }
  }
  function nextDiagnostics(after, accept, what) {
    const p = new Promise((resolve) => { waiters.push({ after, accept, resolve }); flush(); });
    return within(p, TIMEOUT, what);
  }
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => null));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification('window/logMessage', () => {});
  conn.listen();

  try {
    const init = await within(conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'test' }],
      capabilities: {
        textDocument: {
          synchronization: { didSave: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          definition: { linkSupport: false },
          completion: { completionItem: { snippetSupport: false } },
          formatting: {},
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          references: {},
          rename: { prepareSupport: true },
        },
      },
    }), TIMEOUT, 'initialize result');
    assert.ok(init.capabilities, 'initialize returns the server capabilities');
    conn.sendNotification('initialized', {});

    // The typo: an error with the compiler's code.
    const t0 = process.hrtime.bigint();
    conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'vpn', version: 1, text: broken },
    });
    const first = await nextDiagnostics(t0, (p) => p.diagnostics.length > 0, 'diagnostics of the typo');
    const e = first.params.diagnostics.find((d) => d.code === 'E0103');
    assert.ok(e, `an E0103 diagnostic, got ${JSON.stringify(first.params.diagnostics)}`);
    assert.strictEqual(e.severity, 1, 'E0103 is an error');
    assert.match(e.message, /unknown profile `edgee`/);
    assert.strictEqual(e.range.start.line, typoLine);

    // The fix, through didChange: an empty list.
    const t1 = process.hrtime.bigint();
    conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: fixed }],
    });
    const second = await nextDiagnostics(t1,
      (p) => p.diagnostics.length === 0 && (p.version === undefined || p.version >= 2),
      'empty diagnostics after the fix');
    const ms = Number(second.at - t1) / 1e6;
    console.log(`vpnc lsp: didChange to publishDiagnostics in ${ms.toFixed(1)} ms`);
    assert.deepStrictEqual(second.params.diagnostics, []);
    fs.writeFileSync(file, fixed);

    const lines = fixed.split('\n');
    const useChar = lines[typoLine].indexOf('uses edge') + 'uses '.length + 1;
    const at = { textDocument: { uri }, position: { line: typoLine, character: useChar } };

    // Hover on the profile name of the `uses`.
    const hover = await within(conn.sendRequest('textDocument/hover', at), TIMEOUT, 'hover');
    assert.ok(hover && hover.contents, 'hover returns contents');
    const hoverText = JSON.stringify(hover.contents);
    assert.ok(hoverText.replace(/[\s"{}[\]]|kind|value|markdown|plaintext|:/g, '').length > 0,
      `hover says something: ${hoverText}`);

    // Definition of the profile use: the line of `profile edge`.
    const def = await within(conn.sendRequest('textDocument/definition', at), TIMEOUT, 'definition');
    const locs = (Array.isArray(def) ? def : [def]).filter(Boolean);
    assert.ok(locs.length > 0, 'definition returns a location');
    const loc = locs[0];
    const range = loc.targetSelectionRange || loc.range || loc.targetRange;
    assert.strictEqual(loc.uri || loc.targetUri, uri);
    assert.strictEqual(range.start.line, profileLine, `definition on line ${profileLine + 1}`);

    // Completion at the start of the gateway line (where a site member goes).
    const comp = await within(conn.sendRequest('textDocument/completion', {
      textDocument: { uri }, position: { line: typoLine, character: 2 },
    }), TIMEOUT, 'completion');
    const items = Array.isArray(comp) ? comp : (comp && comp.items) || [];
    assert.ok(items.length > 0, 'completion returns items');
    assert.ok(items.every((i) => typeof i.label === 'string' && i.label.length > 0));
    console.log(`vpnc lsp: hover ${hoverText.slice(0, 80)}…; ${items.length} completion items`);

    // Formatting: edits or an empty list (the example is formatted already).
    const edits = await within(conn.sendRequest('textDocument/formatting', {
      textDocument: { uri }, options: { tabSize: 2, insertSpaces: true },
    }), TIMEOUT, 'formatting');
    assert.ok(Array.isArray(edits), `formatting returns a list of edits, got ${JSON.stringify(edits)}`);
    console.log(`vpnc lsp: ${edits.length} formatting edits; E0103 "${e.message}"`);

    // Outline: the network, the profile, the sites with their gateways and routers.
    const outline = await within(conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }),
      TIMEOUT, 'documentSymbol');
    const names = outline.map((d) => d.name);
    assert.ok(names.includes('edge') && names.includes('reference') && names.includes('v1'), `outline: ${names}`);
    const v1 = outline.find((d) => d.name === 'v1');
    assert.deepStrictEqual((v1.children || []).map((c) => c.name).sort(), ['r1', 'v1-1', 'v1-2']);

    // References of the profile: its declaration and every `uses edge` (6 gateways).
    const refs = await within(conn.sendRequest('textDocument/references',
      { ...at, context: { includeDeclaration: true } }), TIMEOUT, 'references');
    const uses = lines.filter((l) => /\buses edge\b/.test(l)).length;
    assert.strictEqual(refs.length, uses + 1, `references of edge: ${JSON.stringify(refs)}`);
    assert.ok(refs.some((r) => r.range.start.line === profileLine), 'the declaration is among them');

    // Rename the profile: one edit per occurrence; a keyword as the new name is refused.
    const rename = await within(conn.sendRequest('textDocument/rename', { ...at, newName: 'uplink-edge' }),
      TIMEOUT, 'rename');
    const renameEdits = rename.changes ? rename.changes[uri]
      : rename.documentChanges.find((c) => c.textDocument.uri === uri).edits;
    assert.strictEqual(renameEdits.length, uses + 1);
    assert.ok(renameEdits.every((x) => x.newText === 'uplink-edge'));
    await assert.rejects(conn.sendRequest('textDocument/rename', { ...at, newName: 'site' }),
      (err) => err.code === -32602, 'renaming to a keyword is refused as invalid params');

    // What the server does not implement is MethodNotFound, not an internal error.
    await assert.rejects(conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: { start: at.position, end: at.position }, context: { diagnostics: [] },
    }), (err) => err.code === -32601, 'codeAction answers MethodNotFound');
    console.log(`vpnc lsp: outline of ${outline.length} symbols, ${refs.length} references of edge`);

    conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await within(conn.sendRequest('shutdown'), TIMEOUT, 'shutdown result');
    conn.sendNotification('exit');
    const { code, signal } = await within(exited, TIMEOUT, 'exit of the server');
    assert.strictEqual(signal, null, `the server was killed by ${signal}`);
    assert.strictEqual(code, 0, `the server exits 0 (stderr: ${stderr})`);
  } finally {
    conn.dispose();
    if (server.exitCode === null && server.signalCode === null) server.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
