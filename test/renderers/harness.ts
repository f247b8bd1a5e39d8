/**
 * Renders payloads in Debian's Chromium (playwright-core, no downloaded browser): bundles the
 * renderers' pure render functions into one script, loads it into a blank page with a VS Code
 * theme's variables, and lets tests and the screenshot script draw a payload and read the DOM.
 */
import { build } from "esbuild";
import { chromium, type Browser, type Page } from "playwright-core";
import { themeCss, type ThemeName } from "./themes";

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export type RendererName = "table" | "profile" | "evaluation" | "leaderboard" | "chart" | "split-check";

const ENTRY = `
import { renderTable } from "./notebook-renderers/table/render";
import { renderProfile } from "./notebook-renderers/profile/render";
import { renderEvaluation } from "./notebook-renderers/evaluation/render";
import { renderLeaderboard } from "./notebook-renderers/leaderboard/render";
import { renderChart } from "./notebook-renderers/chart/render";
import { renderSplitCheck } from "./notebook-renderers/split-check/render";
globalThis.aibookRenderers = { table: renderTable, profile: renderProfile, evaluation: renderEvaluation,
  leaderboard: renderLeaderboard, chart: renderChart, "split-check": renderSplitCheck };
`;

let bundle: Promise<string> | undefined;

/** The renderers as one browser script (built once per process). */
export function renderersBundle(): Promise<string> {
  bundle ??= build({ stdin: { contents: ENTRY, resolveDir: process.cwd(), loader: "ts" }, bundle: true, write: false, format: "iife", platform: "browser", target: "es2022", logLevel: "silent" }).then((r) => r.outputFiles[0].text);
  return bundle;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.AIBOOK_CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_FLAGS, headless: true });
}

/** A page with the theme's variables, the renderers loaded, and no network. */
export async function rendererPage(browser: Browser, theme: ThemeName = "light", width = 900): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 700 } });
  await page.route("**/*", (route) => route.abort());
  await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>${themeCss(theme)}</style></head><body class="vscode-${theme}"><div id="out"></div></body></html>`);
  await page.addScriptTag({ content: await renderersBundle() });
  return page;
}

/** Draws a payload into #out with the named renderer. */
export async function render(page: Page, renderer: RendererName, payload: unknown): Promise<void> {
  await page.evaluate(
    ([name, data]) => {
      const g = globalThis as unknown as { aibookRenderers: Record<string, (el: unknown, p: unknown) => void>; document: { getElementById(id: string): unknown } };
      g.aibookRenderers[name as string](g.document.getElementById("out"), data);
    },
    [renderer, payload] as const,
  );
}
