#!/usr/bin/env node
// Prints the Markdown tables of README.md's "Performance" section from one bench/run.sh run:
// the targets of issue 8 with each ratio, the end-to-end runs side by side (the harness's own
// renderer), and the core microbenchmarks per dataset.
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
const e2e = (name) => {
  const main = load(`${name}.json`);
  return main ? { main, pinned: load(`${name}.pinned.json`) } : null;
};
const floor = e2e("floor"), ts = e2e("ts-echo"), ours = e2e("openness-mcp");
const nocache = e2e("openness-mcp-nocache"), answerFloor = e2e("floor-answer");

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

// Each end-to-end target is measured twice: as shipped (the result cache on, which answers the
// run's repeated call with the bytes of its first answer) and with `--result-cache 0` (every call
// computed, what a new question costs). The verdict column is the shipped one; the last column
// gives the uncached figure, ratio and verdict beside it.
const rows = [];
const verdict = (ok) => (ok ? "met" : "**missed**");
const target = (what, measured, r, goal, ok, off) =>
  rows.push([what, measured, x(r), goal, r == null && ok === undefined ? "–" : verdict(ok), off ?? ""]);
// The same target for the uncached run: "measured (ratio, verdict)".
const uncached = (measured, r, ok) => (nocache ? `${measured}${r == null ? "" : ` (${x(r)})`}, ${verdict(ok)}` : "–");

if (floor && ours) {
  const r1 = ratio(p50(ours), p50(floor)), u1 = ratio(p50(nocache), p50(floor));
  target("stdio `lookup_model` p50 round trip vs the floor's echo (pinned)", `${fmt(p50(ours))} vs ${fmt(p50(floor))} µs`,
    r1, "≤ 2×", r1 != null && r1 <= 2, uncached(`${fmt(p50(nocache))} µs`, u1, u1 != null && u1 <= 2));
  const r2 = ratio(cpu(ours), cpu(floor)), u2 = ratio(cpu(nocache), cpu(floor));
  target("stdio server CPU per call vs the floor's (pinned)", `${fmt(cpu(ours))} vs ${fmt(cpu(floor))} µs`, r2, "≤ 4×",
    r2 != null && r2 <= 4, uncached(`${fmt(cpu(nocache))} µs`, u2, u2 != null && u2 <= 4));
  const r3 = ratio(coldStdio(ours), coldHttp(floor)), u3 = ratio(coldStdio(nocache), coldHttp(floor));
  target("cold start over stdio (spawn → initialize result, dataset loaded) vs the HTTP floor's start",
    `${fmt(coldStdio(ours))} vs ${fmt(coldHttp(floor))} ms`, r3, "≤ 1.5×", r3 != null && r3 <= 1.5,
    uncached(`${fmt(coldStdio(nocache))} ms`, u3, u3 != null && u3 <= 1.5));
  const rss = rssMiB(ours), urss = rssMiB(nocache);
  rows.push(["peak RSS over stdio (after all calls)", `${fmt(rss)} MiB`, "", "≤ 16 MiB", verdict(rss != null && rss <= 16),
    uncached(`${fmt(urss)} MiB`, null, urss != null && urss <= 16)]);
  const r4 = ratio(rps(ours, 64), rps(floor, 64)), u4 = ratio(rps(nocache, 64), rps(floor, 64));
  target("HTTP throughput at 64 connections vs the floor's", `${fmt(rps(ours, 64))} vs ${fmt(rps(floor, 64))} req/s`, r4,
    "≥ 0.5×", r4 != null && r4 >= 0.5, uncached(`${fmt(rps(nocache, 64))} req/s`, u4, u4 != null && u4 >= 0.5));
  const failures = (r) => (r ? (r.main.failures_total ?? 0) + httpFailures(r) : null);
  rows.push(["failed responses (all phases, stdio and HTTP)", `${failures(ours)}`, "", "0", verdict(failures(ours) === 0),
    uncached(`${failures(nocache)}`, null, failures(nocache) === 0)]);
}
if (ts && ours) {
  const r5 = ratio(cpu(ts), cpu(ours)), u5 = ratio(cpu(ts), cpu(nocache));
  target("server CPU per call: TypeScript SDK peer ÷ ours (stdio, pinned)", `${fmt(cpu(ts))} vs ${fmt(cpu(ours))} µs`, r5,
    "≥ 10×", r5 != null && r5 >= 10, uncached(`${fmt(cpu(nocache))} µs`, u5, u5 != null && u5 >= 10));
  const r6 = ratio(rps(ours, 64), rps(ts, 64)), u6 = ratio(rps(nocache, 64), rps(ts, 64));
  target("HTTP throughput at 64 connections: ours ÷ SDK peer", `${fmt(rps(ours, 64))} vs ${fmt(rps(ts, 64))} req/s`, r6,
    "≥ 10×", r6 != null && r6 >= 10, uncached(`${fmt(rps(nocache, 64))} req/s`, u6, u6 != null && u6 >= 10));
  const r7 = ratio(coldStdio(ts), coldStdio(ours)), u7 = ratio(coldStdio(ts), coldStdio(nocache));
  target("cold start over stdio: SDK peer ÷ ours", `${fmt(coldStdio(ts))} vs ${fmt(coldStdio(ours))} ms`, r7, "≥ 25×",
    r7 != null && r7 >= 25, uncached(`${fmt(coldStdio(nocache))} ms`, u7, u7 != null && u7 >= 25));
}

// ---- core figures (Google Benchmark JSON)
const coreNames = ["bundled", "100k-packed", "1m-packed", "100k-jsonl", "1m-jsonl"];
const core = Object.fromEntries(coreNames.map((n) => [n, load(`core-${n}.json`)]).filter(([, v]) => v));
// Benchmark names carry suffixes such as "load/iterations:2/real_time": match the first part.
const base = (b) => (b.run_name ?? b.name).split("/").filter((p) => !/^(iterations|real_time|min_time)/.test(p)).join("/");
const bench = (set, name) => core[set]?.benchmarks?.find((b) => base(b) === name);
const us = (b) => (b ? b.p50_us : null);
const loadMs = (b) => (b ? b.real_time * ({ ns: 1e-6, us: 1e-3, ms: 1, s: 1000 }[b.time_unit] ?? 1) : null);

for (const [kind, label] of [["exact", "an exact name"], ["alias", "a Hugging Face id (alias)"], ["fuzzy", "a misspelt name (fuzzy)"]]) {
  const big = us(bench("1m-packed", `resolve/${kind}`)), small = us(bench("100k-packed", `resolve/${kind}`));
  if (big == null) continue;
  rows.push([`core, 1 M records: resolve ${label}, p50`, `${fmt(big)} µs`, "", "< 50 µs", verdict(big < 50), ""]);
  const g = ratio(big, small);
  target(`core: growth of that p50 from 100 k to 1 M records`, `${fmt(big)} vs ${fmt(small)} µs`, g, "< 2×", g != null && g < 2);
}
for (const [set, label] of [["1m-packed", "packed (`openness-pack --records`)"], ["1m-jsonl", "JSON Lines"]]) {
  const ms = loadMs(bench(set, "load"));
  if (ms == null) continue;
  rows.push([`core: load 1 M records, ${label}`, `${fmt(ms / 1000)} s`, "", "< 1.5 s", verdict(ms < 1500), ""]);
}

const md = (header, body) =>
  [`| ${header.join(" | ")} |`, `|${header.map((_, i) => (i === 0 ? "---" : "--:")).join("|")}|`, ...body.map((r) => `| ${r.join(" | ")} |`)].join("\n");

const date = ours?.main?.date ?? core.bundled?.context?.date ?? new Date().toISOString();
const cpuModel = os.cpus()[0]?.model?.trim() ?? "?";
console.log(`Measured ${date.slice(0, 10)} by \`bench/run.sh\` on ${os.cpus().length} cores (${cpuModel}), ` +
  `${Math.round(os.totalmem() / 2 ** 30)} GiB, Linux ${os.release()}; the machine was shared, so only ratios taken in ` +
  `this one run are compared. Tool \`lookup_model\` with {"name":"OLMo-7B"} on the full bundled dataset.\n`);
console.log("**Targets**\n");
console.log(md(["target", "measured (as shipped: result cache on)", "ratio", "goal", "", "with `--result-cache 0`"], rows));

// Context for the stdio round trip: the floor answering with our own answer, and our cache off.
const ctx = [];
if (answerFloor && ours) {
  const answer = existsSync(join(dir, "..", "answer.json")) ? readFileSync(join(dir, "..", "answer.json")).length : null;
  const size = answer ? `${Math.round(answer / 1024)} KiB ` : "";
  ctx.push([`floor replaying our ${size}answer (\`openness-floor-answer\`): p50, pinned`, `${fmt(p50(answerFloor))} µs`,
    `ours ${x(ratio(p50(ours), p50(answerFloor)))} of it`]);
  ctx.push(["its server CPU per call, pinned", `${fmt(cpu(answerFloor))} µs`, `ours ${x(ratio(cpu(ours), cpu(answerFloor)))} of it`]);
}
if (nocache && floor) {
  ctx.push(["ours with `--result-cache 0` (every call computed): p50, pinned", `${fmt(p50(nocache))} µs`, `${x(ratio(p50(nocache), p50(floor)))} the floor's echo`]);
  ctx.push(["its server CPU per call, pinned", `${fmt(cpu(nocache))} µs`, `${x(ratio(cpu(nocache), cpu(floor)))} the floor's`]);
  ctx.push(["its HTTP throughput at 64 connections", `${fmt(rps(nocache, 64))} req/s`, `${x(ratio(rps(nocache, 64), rps(floor, 64)))} the floor's`]);
}
if (ctx.length) {
  console.log("\n**Context for the stdio and cache figures**\n");
  console.log(md(["run", "figure", "ratio"], ctx));
}

// The harness's side-by-side table of every end-to-end figure.
if (harness && existsSync(join(harness, "render-table.mjs"))) {
  const files = ["floor", "ts-echo", "openness-mcp", "openness-mcp-nocache", "floor-answer"]
    .map((n) => join(dir, `${n}.json`)).filter(existsSync);
  if (files.length) {
    console.log("\n**End to end (mcpbench)**\n");
    const table = execFileSync("node", [join(harness, "render-table.mjs"), ...files], { encoding: "utf8" });
    console.log(table.trim());
  }
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
