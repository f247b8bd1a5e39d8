// Benchmark of the table view (issue 7: "a DataFrame of 100,000 rows scrolls smoothly"),
// measured in one run on this machine:
// - building the table payload of a 100,000 x 5 frame, next to JSON.stringify of that payload
//   (the cost of sending it at all),
// - the renderer's first draw of 100,000 rows next to its first draw of 100 rows (virtualized:
//   should be about the same), in Debian's Chromium,
// - frame intervals while scrolling through the 100,000 rows (p50/p95) next to idle frame
//   intervals of the same page: scrolling is smooth when they match.
// Goals: 100,000-row draw < 3x the 100-row draw; scrolling frame intervals < 1.5x idle ones.
//   node scripts/bench/table-view.mjs
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { mkdirSync, mkdtempSync, rmSync, existsSync } from "node:fs";
import { performance } from "node:perf_hooks";
import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const chromiumPath = process.env.AIBOOK_CHROMIUM ?? "/usr/bin/chromium";

const cache = path.join(root, "node_modules", ".cache");
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(path.join(cache, "aibook-bench-table-"));
await esbuild.build({ entryPoints: [path.join(root, "src/runtime/report/table.ts")], outfile: path.join(dir, "table.cjs"), bundle: true, platform: "node", format: "cjs", external: ["danfojs-node", "@tensorflow/*", "ml-*"], logLevel: "warning" });
const { toTablePayload } = createRequire(path.join(root, "package.json"))(path.join(dir, "table.cjs"));
const renderer = await esbuild.build({ entryPoints: [path.join(root, "notebook-renderers/table/render.ts")], bundle: true, write: false, format: "iife", globalName: "aibookTable", platform: "browser", target: "es2022", logLevel: "warning" });
rmSync(dir, { recursive: true, force: true });

function frame(rows) {
  let x = 7;
  const r = () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  return {
    id: Array.from({ length: rows }, (_, i) => i),
    age: Array.from({ length: rows }, () => (r() < 0.05 ? null : Math.round(18 + r() * 60))),
    income: Array.from({ length: rows }, () => Math.round(r() * 1e7) / 100),
    city: Array.from({ length: rows }, (_, i) => ["Oslo", "Rome", "Lima", "Pune"][i % 4]),
    churned: Array.from({ length: rows }, () => r() < 0.2),
  };
}

const best = (fn, times = 5) => {
  let min = Infinity;
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
};

const big = frame(100_000);
let payload;
const buildMs = best(() => (payload = toTablePayload(big)));
let json = "";
const stringifyMs = best(() => (json = JSON.stringify(payload)));
console.log(`payload of 100,000 x 5: built in ${buildMs.toFixed(1)} ms; JSON.stringify of it ${stringifyMs.toFixed(1)} ms (ratio ${(buildMs / stringifyMs).toFixed(2)}x); ${(json.length / 1e6).toFixed(1)} MB of JSON`);

if (!existsSync(chromiumPath)) {
  console.log(`renderer: skipped, no Chromium at ${chromiumPath}`);
  process.exit(0);
}
const { chromium } = await import("playwright-core");
const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  await page.setContent(`<!doctype html><html><body><div id="out"></div></body></html>`);
  await page.addScriptTag({ content: renderer.outputFiles[0].text });
  const small = toTablePayload(frame(100));
  const draw = (p) =>
    page.evaluate((data) => {
      const out = document.getElementById("out");
      let min = Infinity;
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        globalThis.aibookTable.renderTable(out, data);
        out.getBoundingClientRect(); // include layout
        min = Math.min(min, performance.now() - t);
      }
      return min;
    }, p);
  const smallMs = await draw(small);
  const bigMs = await draw(payload);
  console.log(`first draw: 100 rows ${smallMs.toFixed(1)} ms, 100,000 rows ${bigMs.toFixed(1)} ms (ratio ${(bigMs / smallMs).toFixed(2)}x, goal < 3x)`);
  // Frame intervals while flinging through the rows, next to idle frame intervals in the same page:
  // when drawing a window of rows fits in a frame, the two match.
  const frames = (fling) =>
    page.evaluate(async (step) => {
      const viewport = document.querySelector("#out .viewport");
      viewport.scrollTop = 0;
      const intervals = [];
      const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r()));
      await nextFrame();
      for (let i = 0; i < 300; i++) {
        const t = performance.now();
        if (step) {
          viewport.scrollTop += step;
          viewport.dispatchEvent(new Event("scroll"));
        }
        await nextFrame();
        await nextFrame(); // the draw scheduled by the scroll has run
        intervals.push((performance.now() - t) / 2);
      }
      intervals.sort((a, b) => a - b);
      return { p50: intervals[150], p95: intervals[285], rows: document.querySelectorAll("#out .tr").length, top: viewport.scrollTop };
    }, fling);
  const idle = await frames(0);
  const scroll = await frames(24 * 37 + 5); // more than a screen per step
  console.log(`frame interval, idle: p50 ${idle.p50.toFixed(1)} ms, p95 ${idle.p95.toFixed(1)} ms`);
  console.log(`frame interval, scrolling 100,000 rows: p50 ${scroll.p50.toFixed(1)} ms, p95 ${scroll.p95.toFixed(1)} ms (ratio to idle p50 ${(scroll.p50 / idle.p50).toFixed(2)}x, p95 ${(scroll.p95 / idle.p95).toFixed(2)}x); ${scroll.rows} rows in the DOM, reached row ${Math.round(scroll.top / 24)}`);
} finally {
  await browser.close();
}
