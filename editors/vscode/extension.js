// The VS Code side of vpnc's language server: starts `vpnc lsp` (LSP over stdio) for the
// documents of language id `vpn`. The command is the setting `vpnc.path` ("vpnc" on the PATH by
// default, or the path of the launcher, e.g. /home/me/vpnc/vpnc).
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function command() {
  const configured = vscode.workspace.getConfiguration('vpnc').get('path');
  return (typeof configured === 'string' && configured.trim() !== '') ? configured.trim() : 'vpnc';
}

function notStarted(cmd, err) {
  // vscode-languageclient rejects with a string ("Launching server using command vpnc failed.
  // Error: spawn vpnc ENOENT") or an Error carrying the spawn error's code.
  const text = String((err && err.message) || err);
  const has = (code) => (err && err.code === code) || text.includes(code);
  const why = has('ENOENT')
    ? `the command \`${cmd}\` was not found`
    : (has('EACCES') ? `\`${cmd}\` is not executable` : text);
  const action = 'Open Settings';
  vscode.window.showErrorMessage(
    `vpnc: the language server could not be started: ${why}. ` +
      'Set "vpnc.path" to the vpnc launcher (a command on the PATH, or its full path, ' +
      'e.g. /path/to/vpnc/vpnc) and reload the window.',
    action
  ).then((choice) => {
    if (choice === action) {
      vscode.commands.executeCommand('workbench.action.openSettings', 'vpnc.path');
    }
  });
}

async function activate(context) {
  const cmd = command();
  // No `transport`: with TransportKind.stdio the client would append `--stdio` to the
  // arguments; without it, it speaks over the process's stdin/stdout just the same.
  const serverOptions = {
    run: { command: cmd, args: ['lsp'] },
    debug: { command: cmd, args: ['lsp'] },
  };
  const clientOptions = {
    documentSelector: [{ language: 'vpn' }],
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.vpn'),
    },
  };
  client = new LanguageClient('vpnc', 'vpnc language server', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('vpnc.path')) {
        vscode.window.showInformationMessage(
          'vpnc: reload the window for the new "vpnc.path" to take effect.');
      }
    })
  );
  try {
    await client.start();
  } catch (err) {
    // spawn errors (ENOENT when vpnc.path names no command) reject the start.
    notStarted(cmd, err);
    client = undefined;
  }
}

async function deactivate() {
  if (client) {
    const c = client;
    client = undefined;
    await c.stop();
  }
}

module.exports = { activate, deactivate };
