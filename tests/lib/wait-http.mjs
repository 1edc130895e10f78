// node wait-http.mjs URL [PID] [SECONDS]
// Waits until URL answers 200 (exit 0); fails when PID (if given) has exited or after SECONDS
// (default 10). Used by the scripts that start a server and must know it is up.
const [url, pid, seconds = '10'] = process.argv.slice(2);
const until = Date.now() + Number(seconds) * 1000;
for (;;) {
  if (pid) {
    try { process.kill(Number(pid), 0); } catch { console.error('the server exited'); process.exit(1); }
  }
  try { if ((await fetch(url)).status === 200) process.exit(0); } catch {}
  if (Date.now() > until) { console.error('no answer on ' + url); process.exit(1); }
  await new Promise((r) => setTimeout(r, 50));
}
