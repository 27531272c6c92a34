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

// `vpnc lsp` started; stderr() is what it wrote there so far.
function startServer() {
  const server = spawn(vpnc, ['lsp'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  server.stderr.on('data', (d) => { err += d; });
  const exited = new Promise((resolve, reject) => {
    server.on('error', reject);
    server.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return { server, exited, stderr: () => err };
}

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

  const { server, exited, stderr } = startServer();
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
    await assert.rejects(conn.sendRequest('textDocument/documentHighlight', at),
      (err) => err.code === -32601, 'documentHighlight answers MethodNotFound');
    console.log(`vpnc lsp: outline of ${outline.length} symbols, ${refs.length} references of edge`);

    conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await within(conn.sendRequest('shutdown'), TIMEOUT, 'shutdown result');
    conn.sendNotification('exit');
    const { code, signal } = await within(exited, TIMEOUT, 'exit of the server');
    assert.strictEqual(signal, null, `the server was killed by ${signal}`);
    assert.strictEqual(code, 0, `the server exits 0 (stderr: ${stderr()})`);
  } finally {
    conn.dispose();
    if (server.exitCode === null && server.signalCode === null) server.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// A workspace of two files, as a repository holds them: common.vpn declares the profile `edge`,
// net.vpn imports it. Every feature beyond the basics above, through the protocol library.
const COMMON = `# Shared by the networks of this repository.
profile edge {
  uplink eth0
  lan eth1
}
`;
const NET = `import "common.vpn"

profile unused-one {
  lan eth7
}

network n {
  tunnels ipv6 2001:db8:ff::/64
  mesh {
    v1 <-> v2
  }
}

site v1 {
  prefixes 2001:db8:a1::/64
  subnet 2001:db8:f1::/64
  wireguard {
    mtu 1380
  }
  gateway v1-1 uses edge { endpoint 2001:db8:1::1 }
  gateway v1-2 uses edge { endpoint 2001:db8:1::2 }
}

site v2 {
  prefixes 2001:db8:a2::/64
  subnet 2001:db8:f2::/64
  gateway v2-1 uses edgee { endpoint 2001:db8:2::1 }
}
`;

// Position of the nth (from 0) occurrence of needle in text, plus shift characters.
function pos(text, needle, shift = 0, nth = 0) {
  const lines = text.split('\n');
  let seen = 0;
  for (let line = 0; line < lines.length; line++) {
    for (let c = lines[line].indexOf(needle); c >= 0; c = lines[line].indexOf(needle, c + 1)) {
      if (seen++ === nth) return { line, character: c + shift };
    }
  }
  throw new Error(`${needle} #${nth} not in the text`);
}

// The text after the edits of one file (applied from the end).
function applyEdits(text, edits) {
  const offset = (p) => text.split('\n').slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

test('vpnc lsp: completion by context, hover with origins, quick fixes, references and rename across files, workspace symbols, malformed requests', { timeout: 240000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vpnc-lsp-workspace-'));
  fs.writeFileSync(path.join(dir, 'common.vpn'), COMMON);
  fs.writeFileSync(path.join(dir, 'net.vpn'), NET);
  const netUri = pathToFileURL(path.join(dir, 'net.vpn')).href;
  const commonUri = pathToFileURL(path.join(dir, 'common.vpn')).href;

  const { server, exited, stderr } = startServer();
  const conn = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  const diagnostics = new Map();
  const waiters = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    diagnostics.set(p.uri, p);
    for (let i = 0; i < waiters.length; i++) {
      if (waiters[i].uri === p.uri && (p.version === undefined || p.version >= waiters[i].version)) {
        waiters.splice(i--, 1)[0].resolve(p);
      }
    }
  });
  const diagnosed = (uri, version) => within(new Promise((resolve) => waiters.push({ uri, version, resolve })),
    TIMEOUT, `diagnostics of ${uri} v${version}`);
  conn.onNotification('window/logMessage', () => {});
  conn.listen();
  const request = (method, params) => within(conn.sendRequest(method, params), TIMEOUT, method);
  const labels = (r) => (Array.isArray(r) ? r : r.items).map((i) => i.label);

  try {
    const init = await request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }],
      capabilities: { workspace: { workspaceFolders: true, symbol: {} }, textDocument: { codeAction: {} } },
    });
    assert.deepStrictEqual(init.capabilities.codeActionProvider.codeActionKinds, ['quickfix']);
    assert.strictEqual(init.capabilities.workspaceSymbolProvider, true);
    conn.sendNotification('initialized', {});
    let opened = diagnosed(netUri, 1);
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri: netUri, languageId: 'vpn', version: 1, text: NET } });
    const published = await opened;
    const codes = published.diagnostics.map((d) => d.code).sort();
    assert.deepStrictEqual(codes, ['E0103', 'W0316'], JSON.stringify(published.diagnostics));
    assert.strictEqual(published.version, 1, 'diagnostics carry the version they are about');

    // Completion, by where the cursor is.
    const complete = (text, at) => request('textDocument/completion', { textDocument: { uri: netUri }, position: at });
    const afterUses = labels(await complete(NET, pos(NET, 'uses edge {', 5)));
    assert.ok(afterUses.includes('edge') && afterUses.includes('timers-bfd') && afterUses.includes('unused-one'), `after uses: ${afterUses}`);
    assert.ok(!afterUses.includes('gateway') && !afterUses.includes('v1'), `after uses, profiles only: ${afterUses}`);
    const inGateway = labels(await complete(NET, pos(NET, ' endpoint 2001:db8:1::1', 1)));
    assert.ok(inGateway.includes('endpoint') && inGateway.includes('wireguard') && inGateway.includes('uplink'), `in a gateway: ${inGateway}`);
    assert.ok(!inGateway.includes('asn') && !inGateway.includes('subnet') && !inGateway.includes('site'), `not a site's settings: ${inGateway}`);
    const inSite = labels(await complete(NET, pos(NET, 'gateway v1-1', 0)));
    assert.ok(inSite.includes('gateway') && inSite.includes('router') && inSite.includes('subnet'), `in a site: ${inSite}`);
    assert.ok(!inSite.includes('endpoint') && !inSite.includes('tunnels'), `in a site: ${inSite}`);
    const inMesh = labels(await complete(NET, pos(NET, 'v1 <-> v2', 7)));
    assert.deepStrictEqual([...inMesh].sort(), ['v1', 'v1-1', 'v1-2', 'v2', 'v2-1'], `in mesh: ${inMesh}`);
    const afterImport = labels(await complete(NET, pos(NET, '"common.vpn"', 0)));
    assert.ok(afterImport.includes('std.timers') && afterImport.includes('"common.vpn"'), `after import: ${afterImport}`);
    assert.ok(!afterImport.includes('"net.vpn"'), 'not the file itself');
    const afterInside = labels(await complete(NET, pos(NET, 'tunnels ipv6', 8)));
    assert.deepStrictEqual([...afterInside].sort(), ['ipv4', 'ipv6'], `after tunnels: ${afterInside}`);

    // Hover: a setting says where it applies, a host where each of its settings comes from.
    const hoverText = async (at) => (await request('textDocument/hover', { textDocument: { uri: netUri }, position: at })).contents.value;
    const mtu = await hoverText(pos(NET, 'mtu 1380', 1));
    assert.match(mtu, /written in site `v1`/);
    assert.match(mtu, /applies to: site `v1`, gateway `v1-1`, gateway `v1-2`/);
    const v11 = await hoverText(pos(NET, 'gateway v1-1', 9));
    assert.match(v11, /\| `lan` \| `eth1` \| profile `edge` \(common\.vpn:4\) \|/);
    assert.match(v11, /\| `wireguard mtu` \| `1380` \| site `v1` \(net\.vpn:18\) \|/);
    assert.match(v11, /\| `bgp hold` \| `6s` \| stdlib `std\.timers` \(profile `timers-bfd`\) \|/);
    console.log(`vpnc lsp: hover on v1-1:\n${v11.split('\n').slice(0, 6).join('\n')}`);

    // Quick fixes: the suggested name, a second gateway, the unused profile removed.
    const actionsAt = (d) => request('textDocument/codeAction', {
      textDocument: { uri: netUri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] },
    });
    const typo = await actionsAt(published.diagnostics.find((d) => d.code === 'E0103'));
    assert.strictEqual(typo[0].title, 'Replace `edgee` with `edge`');
    assert.strictEqual(typo[0].isPreferred, true);
    const typoFixed = applyEdits(NET, typo[0].edit.changes[netUri]);
    assert.match(typoFixed, /gateway v2-1 uses edge \{/);
    // with the name right, the checks after resolution run: the site with one gateway (W0302)
    opened = diagnosed(netUri, 2);
    conn.sendNotification('textDocument/didChange', { textDocument: { uri: netUri, version: 2 }, contentChanges: [{ text: typoFixed }] });
    const second = await opened;
    assert.deepStrictEqual(second.diagnostics.map((d) => d.code).sort(), ['W0302', 'W0316'], JSON.stringify(second.diagnostics));
    const stub = await actionsAt(second.diagnostics.find((d) => d.code === 'W0302'));
    assert.match(stub[0].title, /second gateway to site `v2`/);
    const withStub = applyEdits(typoFixed, stub[0].edit.changes[netUri]);
    assert.match(withStub, /\n {2}gateway v2-1 uses edge \{ endpoint 2001:db8:2::1 \}\n {2}gateway v2-2 uses edge \{ endpoint [^}]+\}\n/);
    const unused = await actionsAt(second.diagnostics.find((d) => d.code === 'W0316'));
    assert.match(unused[0].title, /Remove unused profile `unused-one`/);
    const allFixed = applyEdits(withStub, unused[0].edit.changes[netUri]);
    assert.ok(!allFixed.includes('unused-one') && !allFixed.includes('eth7'), allFixed);
    // all applied: only the stub's endpoint is left to write, and the compiler says so
    opened = diagnosed(netUri, 3);
    conn.sendNotification('textDocument/didChange', { textDocument: { uri: netUri, version: 3 }, contentChanges: [{ text: allFixed }] });
    const third = await opened;
    assert.deepStrictEqual(third.diagnostics.map((d) => d.code), ['E0201'], `only the endpoint to write: ${JSON.stringify(third.diagnostics)}`);
    assert.strictEqual(third.diagnostics[0].range.start.line, pos(allFixed, 'gateway v2-2').line);
    opened = diagnosed(netUri, 4);
    conn.sendNotification('textDocument/didChange', { textDocument: { uri: netUri, version: 4 }, contentChanges: [{ text: NET }] });
    await opened;

    // References and rename of `edge` from its use in net.vpn: the declaration in common.vpn too.
    const use = { textDocument: { uri: netUri }, position: pos(NET, 'uses edge {', 6) };
    const def = await request('textDocument/definition', use);
    const defs = (Array.isArray(def) ? def : [def]).map((d) => `${d.uri || d.targetUri}@${(d.range || d.targetSelectionRange).start.line}`);
    assert.deepStrictEqual(defs, [`${commonUri}@1`], 'the definition is in the imported file');
    const refs = await request('textDocument/references', { ...use, context: { includeDeclaration: true } });
    assert.deepStrictEqual(refs.map((r) => `${path.basename(new URL(r.uri).pathname)}:${r.range.start.line + 1}`),
      ['common.vpn:2', 'net.vpn:20', 'net.vpn:21']);
    const rename = await request('textDocument/rename', { ...use, newName: 'border' });
    assert.deepStrictEqual(Object.keys(rename.changes).sort(), [commonUri, netUri].sort());
    assert.match(applyEdits(COMMON, rename.changes[commonUri]), /^profile border \{$/m);
    assert.strictEqual(applyEdits(NET, rename.changes[netUri]).match(/uses border/g).length, 2);
    await assert.rejects(request('textDocument/rename', { ...use, newName: 'v1' }),
      (err) => err.code === -32602 && /already declared/.test(err.message), 'a clash is refused');

    // Workspace symbols: what the folder declares, matched as editors match.
    const symbols = await request('workspace/symbol', { query: 'v12' });
    assert.deepStrictEqual(symbols.map((x) => `${x.name} in ${x.containerName}`), ['v1-2 in v1']);
    const all = await request('workspace/symbol', { query: '' });
    assert.ok(all.some((x) => x.name === 'edge' && x.location.uri === commonUri), 'edge, in common.vpn');

    // Malformed requests get the protocol's error, never a stack trace, and the server goes on.
    for (const [method, params] of [
      ['textDocument/hover', { textDocument: { uri: netUri } }],
      ['textDocument/completion', { position: { line: 0, character: 0 } }],
      ['textDocument/rename', { textDocument: { uri: netUri }, position: { line: -5, character: 2 }, newName: 'x' }],
      ['textDocument/codeAction', { textDocument: { uri: netUri } }],
    ]) {
      await assert.rejects(request(method, params), (err) => {
        console.log(`vpnc lsp: malformed ${method}: ${err.code} ${err.message}`);
        assert.ok([-32602, -32600].includes(err.code), `${method}: ${err.code} ${err.message}`);
        assert.ok(!/\tat |Exception/.test(`${err.message}${JSON.stringify(err.data || '')}`), `${method}: ${err.message}`);
        return true;
      });
    }
    assert.ok((await hoverText(pos(NET, 'mtu 1380', 1))).length > 0, 'the server still answers');

    await request('shutdown');
    conn.sendNotification('exit');
    const { code } = await within(exited, TIMEOUT, 'exit of the server');
    assert.strictEqual(code, 0);
    assert.ok(!/Exception|\tat /.test(stderr()), `no stack trace on stderr: ${stderr()}`);
  } finally {
    conn.dispose();
    if (server.exitCode === null && server.signalCode === null) server.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
