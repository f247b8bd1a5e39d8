/**
 * Screenshots of every renderer and of the metrics panel, in VS Code's light and dark themes,
 * taken by Debian's Chromium with the theme's CSS variables set:
 *   npx tsx scripts/screenshots/views.ts        -> docs/screenshots/*.png
 * The payloads are the renderer tests' (made by the runtime), without their XSS probes.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { chart } from "../../src/runtime/report/chart";
import { launchChromium, render, rendererPage, type RendererName } from "../../test/renderers/harness";
import { panelPage, sendRuns } from "../../test/renderers/panel-harness";
import { sampleRuns } from "../../test/renderers/panel-runs";
import { bigTable, charts, evaluationPayload, leaderboardPayload, multiclassEvaluation, profilePayload, regressionEvaluation, splitCheckPayload } from "../../test/renderers/payloads";
import type { ThemeName } from "../../test/renderers/themes";

const OUT = "docs/screenshots";
const c = charts("churn risk");
const shots: [string, RendererName, unknown][] = [
  ["table", "table", bigTable(100_000, "Bergen")],
  ["profile", "profile", profilePayload("enterprise")],
  ["evaluation", "evaluation", evaluationPayload()],
  ["evaluation-multiclass", "evaluation", multiclassEvaluation(["setosa", "versicolor", "virginica"])],
  ["evaluation-regression", "evaluation", regressionEvaluation()],
  ["leaderboard", "leaderboard", leaderboardPayload("stratified baseline")],
  ["chart-histogram", "chart", c.histogram],
  ["chart-scatter", "chart", c.scatter],
  ["chart-line", "chart", c.line],
  ["chart-bar", "chart", c.bar],
  ...co2Line(),
  ["split-check", "split-check", splitCheckPayload("")],
];

/** The Mauna Loa CO2 series of the shared data sets, a line over dates (skipped when absent). */
function co2Line(): [string, RendererName, unknown][] {
  const file = "../shared/datasets/co2.csv";
  if (!existsSync(file)) return [];
  const rows = readFileSync(file, "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
  const kept = rows.filter((r) => r[1] !== "");
  return [["chart-line-dates", "chart", chart.line(kept.map((r) => r[0]), kept.map((r) => Number(r[1])), { title: "CO2 at Mauna Loa (co2.csv)", yLabel: "ppm" }).payload]];
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const browser = await launchChromium();
  try {
  for (const theme of ["light", "dark"] as ThemeName[]) {
    const page = await rendererPage(browser, theme, 1000);
    for (const [name, renderer, payload] of shots) {
      await render(page, renderer, payload);
      await page.locator("#out").screenshot({ path: `${OUT}/${name}-${theme}.png` });
      console.log(`${OUT}/${name}-${theme}.png`);
    }
    await page.close();
    const panel = await panelPage(browser, theme, { width: 1200, height: 1000 });
    const runs = sampleRuns();
    await sendRuns(panel, runs);
    for (const id of [runs[0].id, runs[1].id]) await panel.locator(`vscode-checkbox[data-run="${id}"]`).click();
    await panel.waitForSelector("#comparison table.metrics-compare");
    await panel.screenshot({ path: `${OUT}/metrics-panel-${theme}.png`, fullPage: true });
    console.log(`${OUT}/metrics-panel-${theme}.png`);
    await panel.close();
  }
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
