#!/usr/bin/env node
// Prints the Markdown tables of bench/README.md from one bench/run.sh run: the targets with each
// ratio, on distinct questions and on one repeated name, the end-to-end runs side by side (the
// harness's own renderer), and the core microbenchmarks per dataset.
//
//   node bench/table.mjs RESULTS_DIR [HARNESS_DIR]
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import os from "node:os";

const dir = process.argv[2];
const harness = process.argv[3];
if (!dir) {
  console.error("usage: node bench/table.mjs RESULTS_DIR [HARNESS_DIR]");
  process.exit(2);
}
const load = (f) => (existsSync(join(dir, f)) ? JSON.parse(readFileSync(join(dir, f), "utf8")) : null);
// One end-to-end run of the harness: RESULTS_DIR/<run>/<server>.json (and .pinned.json).
const e2e = (run, name) => {
  const main = load(join(run, `${name}.json`));
  return main ? { main, pinned: load(join(run, `${name}.pinned.json`)) } : null;
};

const fmt = (v, unit = "") => {
  if (v === null || v === undefined || Number.isNaN(v)) return "–";
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return v.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }) + unit;
};
const ratio = (a, b) => (a == null || b == null || !b ? null : a / b);
const x = (r) => (r == null ? "–" : `${fmt(r)}×`);

// ---- end-to-end figures
const pinnedStdio = (r) => r?.pinned?.stdio ?? r?.main?.stdio;
const p50 = (r) => pinnedStdio(r)?.latency_us?.p50;
const cpu = (r) => pinnedStdio(r)?.server_cpu_us_per_call;
const coldStdio = (r) => r?.main?.cold_start?.initialize_ms?.p50;
const coldHttp = (r) => r?.main?.http_cold_start?.initialize_ms?.p50;
const level = (r, c) => r?.main?.http?.levels?.find((l) => l.concurrency === c);
const rps = (r, c) => level(r, c)?.requests_per_s;
const httpFailures = (r) => (r?.main?.http?.levels ?? []).reduce((n, l) => n + (l.failures?.total ?? 0), 0);
const rssMiB = (r) => (r?.main?.stdio?.peak_rss_kb ? r.main.stdio.peak_rss_kb / 1024 : null);
const verdict = (ok) => (ok ? "met" : "**missed**");

// The end-to-end targets of one run, ours against the floor and the TypeScript peer `peer`
// (ts-replay, answering our answers from a table, on distinct questions; ts-echo on one name).
function e2eTargets(run, peerName, httpGoal) {
  const floor = e2e(run, "floor"), peer = e2e(run, peerName), ours = e2e(run, "openness-mcp");
  const rows = [];
  const target = (what, measured, r, goal, ok) => rows.push([what, measured, x(r), goal, r == null ? "–" : verdict(ok)]);
  if (!ours) return rows;
  if (floor) {
    const r1 = ratio(p50(ours), p50(floor));
    target("stdio `lookup_model` p50 round trip vs the floor's echo (pinned)", `${fmt(p50(ours))} vs ${fmt(p50(floor))} µs`,
      r1, "≤ 2×", r1 <= 2);
    const r2 = ratio(cpu(ours), cpu(floor));
    target("stdio server CPU per call vs the floor's (pinned)", `${fmt(cpu(ours))} vs ${fmt(cpu(floor))} µs`, r2, "≤ 4×", r2 <= 4);
    const r3 = ratio(coldStdio(ours), coldHttp(floor));
    target("cold start over stdio (spawn → initialize result, dataset loaded) vs the HTTP floor's start",
      `${fmt(coldStdio(ours))} vs ${fmt(coldHttp(floor))} ms`, r3, "≤ 1.5×", r3 <= 1.5);
    const r4 = ratio(rps(ours, 64), rps(floor, 64));
    target("HTTP throughput at 64 connections vs the floor's", `${fmt(rps(ours, 64))} vs ${fmt(rps(floor, 64))} req/s`, r4,
      "≥ 0.5×", r4 >= 0.5);
  }
  const rss = rssMiB(ours);
  rows.push(["peak RSS over stdio (after all calls)", `${fmt(rss)} MiB`, "", "≤ 16 MiB", verdict(rss != null && rss <= 16)]);
  const failures = (ours.main.failures_total ?? 0) + httpFailures(ours);
  rows.push(["failed responses (all phases, stdio and HTTP)", `${failures}`, "", "0", verdict(failures === 0)]);
  if (peer) {
    const r5 = ratio(cpu(peer), cpu(ours));
    target(`server CPU per call: ${peerName} ÷ ours (stdio, pinned)`, `${fmt(cpu(peer))} vs ${fmt(cpu(ours))} µs`, r5,
      "≥ 10×", r5 >= 10);
    const r6 = ratio(rps(ours, 64), rps(peer, 64));
    target(`HTTP throughput at 64 connections: ours ÷ ${peerName}`, `${fmt(rps(ours, 64))} vs ${fmt(rps(peer, 64))} req/s`, r6,
      `≥ ${httpGoal}×`, r6 >= httpGoal);
    const r7 = ratio(coldStdio(peer), coldStdio(ours));
    target(`cold start over stdio: ${peerName} ÷ ours`, `${fmt(coldStdio(peer))} vs ${fmt(coldStdio(ours))} ms`, r7, "≥ 25×",
      r7 >= 25);
  }
  return rows;
}

const rows = e2eTargets("distinct", "ts-replay", 5);
const oneName = e2eTargets("one-name", "ts-echo", 10);

// ---- core figures (Google Benchmark JSON)
const coreNames = ["bundled", "100k-packed", "1m-packed", "100k-jsonl", "1m-jsonl"];
const core = Object.fromEntries(coreNames.map((n) => [n, load(`core-${n}.json`)]).filter(([, v]) => v));
// Benchmark names carry suffixes such as "load/iterations:2/real_time": match the first part.
const base = (b) => (b.run_name ?? b.name).split("/").filter((p) => !/^(iterations|real_time|min_time)/.test(p)).join("/");
const bench = (set, name) => core[set]?.benchmarks?.find((b) => base(b) === name);
const us = (b) => (b ? b.p50_us : null);
const loadMs = (b) => (b ? b.real_time * ({ ns: 1e-6, us: 1e-3, ms: 1, s: 1000 }[b.time_unit] ?? 1) : null);

for (const [kind, label, goal] of [["exact", "an exact name", 50], ["alias", "a Hugging Face id (alias)", 50],
  ["fuzzy", "a misspelt name (fuzzy)", 200]]) {
  const big = us(bench("1m-packed", `resolve/${kind}`)), small = us(bench("100k-packed", `resolve/${kind}`));
  if (big == null) continue;
  rows.push([`core, 1 M records: resolve ${label}, p50`, `${fmt(big)} µs`, "", `< ${goal} µs`, verdict(big < goal)]);
  const g = ratio(big, small);
  rows.push([`core: growth of that p50 from 100 k to 1 M records`, `${fmt(big)} vs ${fmt(small)} µs`, x(g), "< 2×",
    g == null ? "–" : verdict(g < 2)]);
}
for (const [set, label] of [["1m-packed", "packed (`openness-pack --records`)"], ["1m-jsonl", "JSON Lines"]]) {
  const ms = loadMs(bench(set, "load"));
  if (ms == null) continue;
  rows.push([`core: load 1 M records, ${label}`, `${fmt(ms / 1000)} s`, "", "< 1.5 s", verdict(ms < 1500)]);
}

const md = (header, body) =>
  [`| ${header.join(" | ")} |`, `|${header.map((_, i) => (i === 0 ? "---" : "--:")).join("|")}|`, ...body.map((r) => `| ${r.join(" | ")} |`)].join("\n");

const distinctOurs = e2e("distinct", "openness-mcp");
const date = distinctOurs?.main?.date ?? core.bundled?.context?.date ?? new Date().toISOString();
const cpuModel = os.cpus()[0]?.model?.trim() ?? "?";
console.log(`Measured ${date.slice(0, 10)} by \`bench/run.sh\` on ${os.cpus().length} cores (${cpuModel}), ` +
  `${Math.round(os.totalmem() / 2 ** 30)} GiB, Linux ${os.release()}; the machine was shared, so only ratios taken in ` +
  `this one run are compared. Full bundled dataset; default (concise) answers; no answer reused between calls.\n`);
console.log("**Targets: distinct questions** (`lookup_model` with the 704 names of " +
  "`queries/lookup-names.jsonl`, each call the next; peer: ts-replay)\n");
console.log(md(["target", "measured", "ratio", "goal", ""], rows));
if (oneName.length) {
  console.log("\n**The same targets on one repeated name** (`lookup_model` with {\"name\":\"OLMo-7B\"}; peer: ts-echo, " +
    "the TypeScript SDK echoing a string)\n");
  console.log(md(["target", "measured", "ratio", "goal", ""], oneName));
}

// Context for the one-name round trip: the floor answering with our own answer to it.
const answerFloor = e2e("one-name", "floor-answer"), oneOurs = e2e("one-name", "openness-mcp");
if (answerFloor && oneOurs) {
  const answer = existsSync(join(dir, "..", "answer.json")) ? readFileSync(join(dir, "..", "answer.json")).length : null;
  const size = answer ? `${fmt(answer / 1024)} KiB ` : "";
  const ctx = [
    [`floor replaying our ${size}answer (\`openness-floor-answer\`): p50, pinned`, `${fmt(p50(answerFloor))} µs`,
      `ours ${x(ratio(p50(oneOurs), p50(answerFloor)))} of it`],
    ["its server CPU per call, pinned", `${fmt(cpu(answerFloor))} µs`, `ours ${x(ratio(cpu(oneOurs), cpu(answerFloor)))} of it`],
  ];
  console.log("\n**Context for the one-name run**\n");
  console.log(md(["run", "figure", "ratio"], ctx));
}

// The harness's side-by-side tables of every end-to-end figure.
for (const [run, names, title] of [
  ["distinct", ["floor", "ts-replay", "openness-mcp"], "distinct questions"],
  ["one-name", ["floor", "ts-echo", "openness-mcp", "floor-answer"], "one repeated name"],
]) {
  if (!harness || !existsSync(join(harness, "render-table.mjs"))) break;
  const files = names.map((n) => join(dir, run, `${n}.json`)).filter(existsSync);
  if (!files.length) continue;
  console.log(`\n**End to end (mcpbench), ${title}**\n`);
  console.log(execFileSync("node", [join(harness, "render-table.mjs"), ...files], { encoding: "utf8" }).trim());
}

// Core microbenchmarks: p50 per call (µs) per dataset; load in ms.
const sets = coreNames.filter((n) => core[n]);
if (sets.length) {
  const names = [...new Set(sets.flatMap((s) => core[s].benchmarks.map(base)))];
  const body = names.map((n) => [
    n === "load" ? "load (ms, mean)" : `${n} (µs, p50 / p99)`,
    ...sets.map((s) => {
      const b = bench(s, n);
      if (!b || b.error_occurred) return "–";
      return n === "load" ? fmt(loadMs(b)) : `${fmt(b.p50_us)} / ${fmt(b.p99_us)}`;
    }),
  ]);
  body.push(["records", ...sets.map((s) => core[s].context?.records ?? "–")]);
  console.log("\n**Core microbenchmarks (Google Benchmark; per call, from a clock read around each call)**\n");
  console.log(md(["benchmark", ...sets], body));
}
