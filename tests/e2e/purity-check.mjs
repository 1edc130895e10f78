// node purity-check.mjs <command> [args...]
// Drives a server over stdio through the lifecycle, a few requests, a malformed line and an unknown
// method, and fails if any line the server writes on stdout is not one JSON-RPC 2.0 message.
import { spawn } from 'node:child_process';
import readline from 'node:readline';

const [cmd, ...args] = process.argv.slice(2);
if (!cmd) { console.error('usage: node purity-check.mjs <command> [args...]'); process.exit(2); }
const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'ignore'] });
const problems = [];
const replies = new Map();
let lines = 0;
const send = (m) => child.stdin.write((typeof m === 'string' ? m : JSON.stringify(m)) + '\n');
readline.createInterface({ input: child.stdout }).on('line', (line) => {
  lines++;
  let msg;
  try { msg = JSON.parse(line); } catch { problems.push(`non-JSON line on stdout: ${line.slice(0, 120)}`); return; }
  const one = (m) => m && typeof m === 'object' && !Array.isArray(m) && m.jsonrpc === '2.0';
  if (!(Array.isArray(msg) ? msg.length > 0 && msg.every(one) : one(msg))) problems.push(`not a JSON-RPC 2.0 message: ${line.slice(0, 120)}`);
  if (!Array.isArray(msg) && 'id' in msg && ('result' in msg || 'error' in msg)) replies.set(JSON.stringify(msg.id), msg);
});
const wait = (id, ms = 5000) => new Promise((resolve) => {
  const t0 = Date.now();
  const tick = () => replies.has(JSON.stringify(id)) ? resolve(replies.get(JSON.stringify(id)))
    : Date.now() - t0 > ms ? resolve(undefined) : setTimeout(tick, 10);
  tick();
});

send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'purity', version: '0' } } });
if (!(await wait(1))?.result) problems.push('initialize failed');
send({ jsonrpc: '2.0', method: 'notifications/initialized' });
send({ jsonrpc: '2.0', id: 2, method: 'ping' });
if (JSON.stringify((await wait(2))?.result) !== '{}') problems.push('ping did not return {}');
for (const [id, method] of [[3, 'tools/list'], [4, 'resources/list'], [5, 'prompts/list'], [6, 'resources/templates/list']]) {
  send({ jsonrpc: '2.0', id, method });
  if (!(await wait(id))) problems.push(`${method} got no reply`);
}
send({ jsonrpc: '2.0', id: 7, method: 'no/such/method' });
if ((await wait(7))?.error?.code !== -32601) problems.push('unknown method did not return -32601');
send('{"jsonrpc":"2.0","id":8,"method":');
send({ jsonrpc: '2.0', id: 9, method: 'ping' });
if (!(await wait(9))) problems.push('no reply after a malformed line');
child.stdin.end();
const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c)));
if (code !== 0) problems.push(`exit code ${code} after stdin closed (expected 0)`);
if (problems.length) { console.log('PROBLEMS:\n - ' + problems.join('\n - ')); process.exit(1); }
console.log(`stdout purity OK: ${lines} lines, all JSON-RPC`);
