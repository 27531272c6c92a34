// Time from an edit to its diagnostics, as an editor sees it: spawns `vpnc lsp` (../../../vpnc,
// or $VPNC), opens each FILE, then sends EDITS didChange notifications one at a time (a comment
// line added, then removed, so every edit changes the text) and times each until the
// publishDiagnostics of that version. Then BURST edits sent back to back, as fast typing does,
// timed until the diagnostics of the last one (a server that sends no version: until it has
// published once per edit). Prints the median and the worst per file.
//   node bench/latency.js [--edits N] [--burst N] FILE...
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter,
} = require('vscode-languageserver-protocol/node');

const args = process.argv.slice(2);
let edits = 10;
let burst = 5;
while (args[0] === '--edits' || args[0] === '--burst') {
  if (args[0] === '--edits') edits = Number(args[1]); else burst = Number(args[1]);
  args.splice(0, 2);
}
if (args.length === 0) {
  console.error('usage: node bench/latency.js [--edits N] FILE...');
  process.exit(2);
}
const vpnc = process.env.VPNC || path.resolve(__dirname, '..', '..', '..', 'vpnc');

async function main() {
  const server = spawn(vpnc, ['lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  const waiting = new Map();
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const w = waiting.get(p.uri);
    if (!w) return;
    w.seen++;
    if (p.version === undefined ? w.seen >= w.count : p.version >= w.version) { waiting.delete(p.uri); w.resolve(p); }
  });
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  conn.sendNotification('initialized', {});
  // count: how many publications stand for `version` when the server sends no version
  const diagnosed = (uri, version, count = 1) => new Promise((resolve) => waiting.set(uri, { version, count, seen: 0, resolve }));
  const stats = (times) => {
    times.sort((a, b) => a - b);
    const m = times.length % 2 ? times[(times.length - 1) / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
    return `median ${m.toFixed(0)} ms, worst ${times[times.length - 1].toFixed(0)} ms`;
  };

  for (const file of args) {
    const text = fs.readFileSync(file, 'utf8');
    const uri = pathToFileURL(path.resolve(file)).href;
    let done = diagnosed(uri, 1);
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'vpn', version: 1, text } });
    await done;
    const times = [];
    for (let v = 2; v < edits + 2; v++) {
      const changed = v % 2 === 0 ? `${text}# edit ${v}\n` : text;
      const t0 = process.hrtime.bigint();
      done = diagnosed(uri, v);
      conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: changed }] });
      await done;
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const bursts = [];
    let version = edits + 2;
    for (let b = 0; b < 3; b++) {
      const t0 = process.hrtime.bigint();
      done = diagnosed(uri, version + burst - 1, burst);
      for (let i = 0; i < burst; i++, version++) {
        conn.sendNotification('textDocument/didChange', {
          textDocument: { uri, version }, contentChanges: [{ text: `${text}# burst ${version}\n` }],
        });
      }
      await done;
      bursts.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    console.log(`${file}: ${text.split('\n').length} lines; one edit (${edits}): ${stats(times)}; `
      + `${burst} edits at once (3): ${stats(bursts)}`);
  }
  await conn.sendRequest('shutdown');
  conn.sendNotification('exit');
}

main().catch((e) => { console.error(e); process.exit(1); });
