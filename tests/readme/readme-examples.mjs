// node readme-examples.mjs <README.md> <bin dir>
// Runs every example of the README and checks that the answer is still the one shown, so the
// README cannot rot. An example is a ```sh block holding one command that starts with
// "openness-mcp ", followed by a ```text or ```json block:
//  - text: the shown lines appear in the output in that order, consecutive unless a "..." line
//    stands between them; without a leading "..." the first shown line is the first output line,
//    without a trailing one the last shown line is the last.
//  - json: the shown JSON is contained in the output JSON (objects: every shown key, recursively;
//    arrays: every shown element at its index; scalars: equal).
// The command runs in the repository root with the built binaries first on PATH; it must exit 0.
// A picture the README shows is committed with the command that draws it, in a comment
// "<!-- picture: openness-mcp ... > FILE -->": the command's output must be FILE as committed,
// and the README must show FILE.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [readme, bindir] = process.argv.slice(2);
if (!readme || !bindir) { console.error('usage: node readme-examples.mjs README.md BIN_DIR'); process.exit(2); }
const root = path.dirname(path.resolve(readme));
const blocks = [];
const re = /```(\w*)\n([\s\S]*?)```/g;
for (let m; (m = re.exec(fs.readFileSync(readme, 'utf8'))); ) blocks.push({ lang: m[1], body: m[2].replace(/\n$/, '') });

function contains(expected, actual, where) {
  if (expected !== null && typeof expected === 'object') {
    if (Array.isArray(expected)) {
      if (!Array.isArray(actual)) return `${where}: not an array`;
      for (let i = 0; i < expected.length; i++) { const e = contains(expected[i], actual[i], `${where}/${i}`); if (e) return e; }
      return null;
    }
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return `${where}: not an object`;
    for (const k of Object.keys(expected)) {
      if (!(k in actual)) return `${where}/${k}: missing`;
      const e = contains(expected[k], actual[k], `${where}/${k}`); if (e) return e;
    }
    return null;
  }
  return JSON.stringify(expected) === JSON.stringify(actual) ? null : `${where}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`;
}

function textMatches(shown, out) {
  const lines = out.replace(/\n$/, '').split('\n');
  const want = shown.split('\n');
  const segments = [];
  let cur = [];
  for (const l of want) { if (l === '...') { segments.push(cur); cur = []; } else cur.push(l); }
  segments.push(cur);
  const leadingGap = want[0] === '...', trailingGap = want[want.length - 1] === '...';
  let pos = 0;
  for (let s = 0; s < segments.length; s++) {
    const seg = segments[s];
    if (!seg.length) continue;
    const anchoredStart = s === 0 && !leadingGap;
    let found = -1;
    for (let i = pos; i + seg.length <= lines.length; i++) {
      if (seg.every((l, k) => lines[i + k] === l)) { found = i; break; }
      if (anchoredStart) break;
    }
    if (found < 0) return `shown line not found in order: ${JSON.stringify(seg[0])}`;
    pos = found + seg.length;
  }
  if (!trailingGap && pos !== lines.length) return `output goes on after the last shown line: ${JSON.stringify(lines[pos])}`;
  return null;
}

let examples = 0, failures = 0;
for (let i = 0; i + 1 < blocks.length; i++) {
  const b = blocks[i], next = blocks[i + 1];
  if (b.lang !== 'sh' || b.body.includes('\n') || !b.body.startsWith('openness-mcp ')) continue;
  if (next.lang !== 'text' && next.lang !== 'json') continue;
  examples++;
  const r = spawnSync('bash', ['-c', b.body], { cwd: root, encoding: 'utf8', timeout: 60000,
    env: { ...process.env, PATH: `${path.resolve(bindir)}:${process.env.PATH}` } });
  let problem = r.status !== 0 ? `exit status ${r.status}: ${(r.stderr || '').slice(0, 300)}` : null;
  if (!problem && next.lang === 'text') problem = textMatches(next.body, r.stdout);
  if (!problem && next.lang === 'json') {
    let actual;
    try { actual = JSON.parse(r.stdout); } catch { problem = 'the output is not one JSON document'; }
    if (!problem) problem = contains(JSON.parse(next.body), actual, '');
  }
  if (problem) { failures++; console.error(`FAIL ${b.body}\n  ${problem}`); }
  else console.log(`ok   ${b.body.slice(0, 110)}`);
}
const text = fs.readFileSync(readme, 'utf8');
let pictures = 0;
for (const m of text.matchAll(/<!-- picture: (openness-mcp [^>]+?) > (\S+) -->/g)) {
  const [, command, file] = m;
  pictures++;
  const r = spawnSync('bash', ['-c', command], { cwd: root, encoding: 'utf8', timeout: 60000,
    env: { ...process.env, PATH: `${path.resolve(bindir)}:${process.env.PATH}` } });
  let problem = r.status !== 0 ? `exit status ${r.status}: ${(r.stderr || '').slice(0, 300)}` : null;
  if (!problem && !fs.existsSync(path.join(root, file))) problem = `${file} is not committed`;
  if (!problem && fs.readFileSync(path.join(root, file), 'utf8') !== r.stdout)
    problem = `${file} is not current: run \`${command} > ${file}\` and commit it`;
  if (!problem && !text.includes(`](${file})`)) problem = `the README does not show ${file}`;
  if (problem) { failures++; console.error(`FAIL ${command}\n  ${problem}`); }
  else console.log(`ok   ${command} > ${file}`);
}
if (examples === 0 || pictures === 0) { console.error('no examples or no pictures found'); process.exit(1); }
console.log(`${examples} README examples, ${failures} failing`);
process.exit(failures ? 1 : 0);
