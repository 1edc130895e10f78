// node inspector-check.mjs [--era modern] <checks.json> <server command> [args...]
// Runs the MCP Inspector CLI (@modelcontextprotocol/inspector --cli, pinned) against a server for
// each check: {"args": [...inspector args after the target...], "exit": 0, "includes": ["..."]}.
// The target is the server command (stdio) or, when the command is an http(s) URL, that URL.
// --era modern: the Inspector speaks the stateless revision 2026-07-28 (server/discover, no
// initialize), and every result but a list must carry that revision's serverInfo in its _meta.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
let argv = process.argv.slice(2);
const era = argv[0] === '--era' ? argv[1] : null;
if (era) argv = argv.slice(2);
const [checksFile, ...target] = argv;
if (!checksFile || target.length === 0) { console.error('usage: node inspector-check.mjs <checks.json> <server command|url> [args...]'); process.exit(2); }
const bin = path.join(here, 'node_modules', '.bin', 'mcp-inspector');
if (!fs.existsSync(bin)) { console.error(`missing ${bin}: run tests/e2e/install.sh`); process.exit(1); }
const checks = JSON.parse(fs.readFileSync(checksFile, 'utf8'));
let failures = 0;
for (const c of checks) {
  const args = ['--cli', ...(era ? ['--protocol-era', era] : []), ...target, ...c.args];
  const r = spawnSync(bin, args, { encoding: 'utf8', timeout: 60000, env: { ...process.env, HOME: process.env.INSPECTOR_HOME ?? path.join(here, '.inspector-home') } });
  const out = (r.stdout ?? '') + (r.stderr ?? '');
  const problems = [];
  if (r.status !== (c.exit ?? 0)) problems.push(`exit ${r.status}, expected ${c.exit ?? 0}`);
  const includes = [...(c.includes ?? [])];
  if (era === 'modern' && (c.exit ?? 0) === 0 && !c.args.includes('tools/list')) includes.push('io.modelcontextprotocol/serverInfo');
  for (const s of includes) if (!out.includes(s)) problems.push(`output lacks ${JSON.stringify(s)}`);
  if (problems.length) { failures++; console.error(`FAIL inspector ${c.args.join(' ')}: ${problems.join('; ')}\n${out.slice(0, 600)}`); }
  else console.log(`ok   inspector ${c.args.join(' ')}`);
}
process.exit(failures ? 1 : 0);
