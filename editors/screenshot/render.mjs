// Renders a .vpn file to a standalone HTML page, highlighted by shiki with the VS Code
// extension's own TextMate grammar (editors/vscode/syntaxes/vpn.tmLanguage.json) and VS Code's
// default light theme. Usage: node render.mjs IN.vpn OUT.html [TITLE]
import { readFileSync, writeFileSync } from 'node:fs';
import { createHighlighter } from 'shiki';

const [input, output, title = input] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node render.mjs IN.vpn OUT.html [TITLE]');
  process.exit(2);
}
const grammar = JSON.parse(
  readFileSync(new URL('../vscode/syntaxes/vpn.tmLanguage.json', import.meta.url), 'utf8'));
const theme = 'light-plus';
const highlighter = await createHighlighter({ themes: [theme], langs: [{ ...grammar, name: 'vpn' }] });
const code = readFileSync(input, 'utf8').replace(/\n$/, '');
const body = highlighter.codeToHtml(code, { lang: 'vpn', theme });
const escape = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
writeFileSync(output, `<!doctype html>
<html><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>
  html, body { margin: 0; background: #ffffff; }
  .file { font: 13px 'DejaVu Sans', sans-serif; color: #555; padding: 10px 18px 0; }
  pre.shiki { margin: 0; padding: 8px 18px 14px; font: 15px/1.45 'DejaVu Sans Mono', monospace; }
</style></head>
<body><div class="file">${escape(title)}</div>
${body}
</body></html>
`);
console.log(`${output}: ${code.split('\n').length} lines`);
