// Browser tests of what a person sees: the SVG scorecard and badge of three models (fully open,
// restricted, closed) and the MCP App, rendered by Debian's chromium (headless, driven by
// playwright-core). The server is asked through a real MCP client (@modelcontextprotocol/client)
// that announces the MCP Apps extension; the App runs in a sandboxed frame of a host page built
// on the ext-apps package's AppBridge, which passes it real lookup_model and compare_models
// results and forwards its tool calls to the server.
//
//   node run.mjs BINARY OUTDIR     screenshots land in OUTDIR (kept as CI artefacts)
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const [binary, outDir] = process.argv.slice(2);
if (!binary || !outDir) {
  console.error("usage: node run.mjs BINARY OUTDIR");
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const here = dirname(fileURLToPath(import.meta.url));
const UI = "io.modelcontextprotocol/ui";
const APP = "ui://openness/scorecard";

// The colours the card promises for each state and tier (scorecard.cpp); the test reads pixels.
const STATE_FILL = { open: "#1a7f37", restricted: "#9a6700", "not released": "#cf222e", unknown: "#6e7781" };
const MODELS = [
  { id: "olmo-7b", tier: "fully-open", headline: "Fully open" },
  { id: "llama-3.1-8b", tier: "open-weights-restrictive-license", headline: "Open weights, restrictive license" },
  { id: "gpt-4o", tier: "closed", headline: "Closed" },
];

let failures = 0;
async function check(name, fn) {
  try {
    await fn();
    console.log(`ok   ${name}`);
  } catch (e) {
    failures++;
    console.log(`FAIL ${name}\n     ${String(e.stack || e).split("\n").slice(0, 6).join("\n     ")}`);
  }
}

const hex = (rgb) => "#" + rgb.slice(0, 3).map((v) => v.toString(16).padStart(2, "0")).join("");
const near = (a, b) => {
  const p = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
  const [x, y] = [p(a), p(b)];
  return x.every((v, i) => Math.abs(v - y[i]) <= 6);
};

const client = new Client(
  { name: "openness-browser-test", version: "1.0.0" },
  { capabilities: { extensions: { [UI]: { mimeTypes: ["text/html;profile=mcp-app"] } } } },
);
await client.connect(new StdioClientTransport({ command: binary, args: [], stderr: "ignore" }));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});

try {
  await check("the server declares the MCP Apps extension and names the App on two tools", async () => {
    assert.deepEqual(client.getServerCapabilities().extensions?.[UI], {});
    const { tools } = await client.listTools();
    const withApp = tools.filter((t) => t._meta?.ui?.resourceUri === APP).map((t) => t.name);
    assert.deepEqual(withApp.sort(), ["compare_models", "lookup_model"]);
  });

  const page = await browser.newPage({ viewport: { width: 640, height: 360 } });

  for (const m of MODELS) {
    const card = (await client.readResource({ uri: `openness://models/${m.id}/card.svg` })).contents[0];
    const badge = (await client.readResource({ uri: `openness://models/${m.id}/badge.svg` })).contents[0];
    assert.equal(card.mimeType, "image/svg+xml");
    writeFileSync(join(outDir, `card-${m.id}.svg`), card.text);
    writeFileSync(join(outDir, `badge-${m.id}.svg`), badge.text);

    await check(`${m.id}: card and badge are well-formed XML`, async () => {
      await page.setContent("<!doctype html><body></body>");
      const errors = await page.evaluate(
        (docs) => docs.map((d) => {
          const doc = new DOMParser().parseFromString(d, "image/svg+xml");
          const err = doc.querySelector("parsererror");
          return err ? err.textContent : doc.documentElement.localName === "svg" ? "" : "root is not <svg>";
        }),
        [card.text, badge.text],
      );
      assert.deepEqual(errors, ["", ""]);
    });

    for (const scheme of ["light", "dark"]) {
      await check(`${m.id} (${scheme}): the card shows the tier and each cell's colour, within 600 px`, async () => {
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize({ width: 640, height: 340 });
        await page.setContent(`<!doctype html><body style="margin:0;background:${scheme === "dark" ? "#000" : "#fff"}">` +
          `<div id="inline">${card.text}</div></body>`);
        // As text: the headline, and each cell's state from the SVG's own markup.
        const info = await page.evaluate(() => {
          const svg = document.querySelector("#inline svg");
          const box = svg.getBoundingClientRect();
          const overflow = [];
          for (const t of svg.querySelectorAll("text")) {
            const b = t.getBBox();
            const limit = t.closest(".oc-cell") ? t.closest(".oc-cell").querySelector("rect").getBBox() : { x: 0, width: 600 };
            if (b.x < limit.x - 0.5 || b.x + b.width > limit.x + limit.width + 0.5)
              overflow.push(`${t.textContent} [${b.x.toFixed(1)}, ${(b.x + b.width).toFixed(1)}]`);
          }
          const tier = svg.querySelector("#oc-tier");
          const tierText = tier.querySelector("text").getBBox(), tierRect = tier.querySelector("rect").getBBox();
          if (tierText.x + tierText.width > tierRect.x + tierRect.width) overflow.push("tier text leaves its pill");
          return {
            width: box.width,
            tier: tier.dataset.tier,
            headline: tier.querySelector("text").textContent,
            cells: [...svg.querySelectorAll(".oc-cell")].map((c) => {
              const r = c.querySelector("rect").getBBox();
              return { component: c.dataset.component, state: c.dataset.state, x: r.x + 6, y: r.y + 5 };
            }),
            overflow,
          };
        });
        assert.equal(info.width, 600);
        assert.equal(info.tier, m.tier);
        assert.equal(info.headline, m.headline);
        assert.deepEqual(info.cells.map((c) => c.component),
          ["weights", "training code", "training data", "documentation", "evaluation"]);
        assert.deepEqual(info.overflow, []);
        // As pixels: the picture as an <img> (how a chat client or a README shows it).
        const png = await page.evaluate(async (svgText) => {
          const img = new Image();
          img.src = "data:image/svg+xml;base64," + btoa(unescape(encodeURIComponent(svgText)));
          await img.decode();
          const canvas = document.createElement("canvas");
          canvas.width = 600;
          canvas.height = 300;
          const ctx = canvas.getContext("2d");
          ctx.drawImage(img, 0, 0);
          window.__px = (x, y) => [...ctx.getImageData(x, y, 1, 1).data];
          return true;
        }, card.text);
        assert.ok(png);
        for (const c of info.cells) {
          const got = hex(await page.evaluate(([x, y]) => window.__px(x, y), [c.x, c.y]));
          assert.ok(near(got, STATE_FILL[c.state]), `${c.component} (${c.state}) is ${got}, not ${STATE_FILL[c.state]}`);
        }
        const bg = await page.evaluate(() => window.__px(300, 296));
        const luminance = (0.2126 * bg[0] + 0.7152 * bg[1] + 0.0722 * bg[2]) / 255;
        assert.ok(scheme === "dark" ? luminance < 0.2 : luminance > 0.9, `background ${hex(bg)} in ${scheme} mode`);
        await page.locator("#inline svg").screenshot({ path: join(outDir, `card-${m.id}-${scheme}.png`) });
      });
    }

    await check(`${m.id}: the badge says the tier and its text stays in its halves`, async () => {
      await page.emulateMedia({ colorScheme: "light" });
      await page.setContent(`<!doctype html><body style="margin:8px"><div id="b">${badge.text}</div></body>`);
      const info = await page.evaluate(() => {
        const svg = document.querySelector("#b svg");
        const box = (e) => {
          const b = e.getBBox();
          return { x: b.x, width: b.width };
        };
        const rects = [...svg.querySelectorAll("g[clip-path] rect")].slice(0, 2).map(box);
        const texts = [...svg.querySelectorAll("text")].map((t) => ({ text: t.textContent, box: box(t) }));
        return { rects, texts, tier: svg.querySelector("text[data-tier]").dataset.tier };
      });
      assert.equal(info.tier, m.tier);
      assert.equal(info.texts[0].text, "openness");
      info.texts.forEach((t, i) => {
        const r = info.rects[i];
        assert.ok(t.box.x >= r.x && t.box.x + t.box.width <= r.x + r.width, `"${t.text}" leaves its half: ${JSON.stringify(t.box)} in ${JSON.stringify(r)}`);
      });
      await page.locator("#b svg").screenshot({ path: join(outDir, `badge-${m.id}.png`) });
    });
  }

  // ---- the MCP App ---------------------------------------------------------------------------
  const app = (await client.readResource({ uri: APP })).contents[0];
  const bundle = await build({
    entryPoints: [join(here, "host.js")], bundle: true, write: false, format: "iife", platform: "browser",
    logLevel: "error",
  });
  const hostScript = bundle.outputFiles[0].text;

  async function hostPage(theme) {
    const p = await browser.newPage({ viewport: { width: 640, height: 700 } });
    const errors = [];
    p.on("pageerror", (e) => errors.push(String(e)));
    p.on("console", (msg) => { if (msg.type() === "error") errors.push(msg.text()); });
    const requests = [];
    p.on("request", (r) => requests.push(r.url()));
    await p.exposeFunction("callTool", (name, args) => client.callTool({ name, arguments: args }));
    await p.setContent(`<!doctype html><html><body style="margin:0;background:${theme === "dark" ? "#0d1117" : "#fff"}">` +
      `<script>${hostScript}</script></body></html>`);
    return { p, errors, requests };
  }

  await check("the App resource is an inline MCP App", async () => {
    assert.equal(app.mimeType, "text/html;profile=mcp-app");
    assert.doesNotMatch(app.text, /<script[^>]+src=|<link[^>]+href=|https?:\/\/(?!www\.w3\.org)/i);
  });

  await check("the App shows lookup_model's answer as a person would read it", async () => {
    const args = { name: "OLMo 7B" };
    const result = await client.callTool({ name: "lookup_model", arguments: args });
    const s = result.structuredContent;
    const { p, errors, requests } = await hostPage("light");
    await p.evaluate((x) => window.startHost(x), { html: app.text, args, result, theme: "light" });
    const frame = p.frameLocator("iframe");
    await frame.locator("#tier").waitFor();
    assert.equal(await frame.locator("#tier").textContent(), s.verdicts.spectrum.label);
    const cells = await frame.locator(".cell").evaluateAll((els) =>
      els.map((e) => ({ component: e.dataset.component, state: e.dataset.state, bg: getComputedStyle(e).backgroundColor })));
    assert.deepEqual(cells.map((c) => [c.component, c.state]), s.components.map((c) => [c.component, c.state]));
    for (const c of cells) {
      const rgb = c.bg.match(/\d+/g).map(Number);
      assert.ok(near(hex(rgb), STATE_FILL[c.state]), `${c.component}: ${c.bg}`);
    }
    const width = await frame.locator("html").evaluate((e) => e.scrollWidth);
    assert.ok(width <= 600, `the App is ${width} px wide`);
    // A source is one click away: the host is asked to open it.
    const first = frame.locator(".sources a").first();
    await first.click();
    await p.waitForFunction(() => window.openedLinks.length > 0);
    assert.equal((await p.evaluate(() => window.openedLinks))[0], s.sources[0].url);
    assert.ok((await p.evaluate(() => window.sizes)).some((h) => h > 200), "the App reports its size");
    await p.locator("iframe").screenshot({ path: join(outDir, "app-lookup.png") });
    assert.deepEqual(errors, []);
    assert.deepEqual(requests.filter((u) => !u.startsWith("about:") && !u.startsWith("data:")), []);
    await p.close();
  });

  await check("the App shows a full lookup_model answer with its EOSAI score as the text gives it", async () => {
    const args = { name: "llama-3.1-8b", detail: "full" };
    const result = await client.callTool({ name: "lookup_model", arguments: args });
    const score = result.structuredContent.verdicts.eosai.score;
    const { p, errors } = await hostPage("light");
    await p.evaluate((x) => window.startHost(x), { html: app.text, args, result, theme: "light" });
    const frame = p.frameLocator("iframe");
    await frame.locator("#tier").waitFor();
    const shown = await frame.locator(".verdicts").textContent();
    assert.ok(shown.includes((score * 100).toFixed(1) + " %"), `EOSAI shown as: ${shown}`);
    assert.ok(result.content[0].text.includes((score * 100).toFixed(1) + " %"));
    assert.deepEqual(errors, []);
    await p.close();
  });

  await check("the App shows compare_models as a sortable grid, each model's sources one click away", async () => {
    const args = { names: ["gpt-4o", "OLMo 7B", "llama 3.1 8b"] };
    const result = await client.callTool({ name: "compare_models", arguments: args });
    const { p, errors } = await hostPage("dark");
    await p.evaluate((x) => window.startHost(x), { html: app.text, args, result, theme: "dark" });
    const frame = p.frameLocator("iframe");
    await frame.locator("#grid tbody tr").first().waitFor();
    const ids = () => frame.locator("#grid tbody tr").evaluateAll((rows) => rows.map((r) => r.dataset.id));
    assert.deepEqual(await ids(), result.structuredContent.models.map((m) => m.id));
    await frame.locator("th[data-key=eosai_percent]").click();
    const byEosai = [...result.structuredContent.models]
      .sort((a, b) => (b.eosai_percent ?? -1) - (a.eosai_percent ?? -1)).map((m) => m.id);
    assert.deepEqual(await ids(), byEosai);
    // MOF: Class I is the most open, then II, III, unclassified (0), no MOT entry (null).
    await frame.locator("th[data-key=mof_class]").click();
    const mofRank = (c) => (c >= 1 ? 4 - c : c === 0 ? 0 : -1);
    const byMof = [...result.structuredContent.models].sort((a, b) => mofRank(b.mof_class) - mofRank(a.mof_class));
    assert.deepEqual((await ids())[0], byMof[0].id);
    assert.deepEqual((await ids()).map((id) => mofRank(result.structuredContent.models.find((m) => m.id === id).mof_class)),
      byMof.map((m) => mofRank(m.mof_class)));
    const bg = await frame.locator("body").evaluate((e) => getComputedStyle(e).backgroundColor);
    assert.equal(bg, "rgb(13, 17, 23)", "the host's dark theme");
    // Click a model: the App calls lookup_model through the host, and shows its sources.
    await frame.locator("button[data-lookup=gpt-4o]").click();
    await frame.locator("#detail .sources a").first().waitFor();
    assert.equal(await frame.locator("#detail #tier").getAttribute("data-tier"), "closed");
    const width = await frame.locator("html").evaluate((e) => e.scrollWidth);
    assert.ok(width <= 600, `the App is ${width} px wide`);
    await p.locator("iframe").screenshot({ path: join(outDir, "app-compare.png") });
    assert.deepEqual(errors, []);
    await p.close();
  });
} finally {
  await browser.close();
  await client.close();
}

console.log(failures ? `${failures} check(s) failed` : `all checks passed; screenshots in ${outDir}`);
process.exit(failures ? 1 : 0);
