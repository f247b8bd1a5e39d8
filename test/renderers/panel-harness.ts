/**
 * Loads the metrics panel's webview (webview/main.ts) in Chromium the way VS Code serves it: an
 * HTML page under the same strict CSP (nonce'd scripts and styles, nothing else), a stand-in for
 * `acquireVsCodeApi` that records the messages the panel posts, and runs sent as the extension
 * sends them.
 */
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import type { RunRecord } from "../../src/protocol/run-history";
import { themeCss, type ThemeName } from "./themes";

const ORIGIN = "https://aibook-panel.test";
const NONCE = "dGVzdC1ub25jZQ==";

let bundle: Promise<string> | undefined;
function panelBundle(): Promise<string> {
  bundle ??= build({ entryPoints: ["webview/main.ts"], bundle: true, write: false, format: "esm", platform: "browser", target: "es2022", logLevel: "silent" }).then((r) => r.outputFiles[0].text);
  return bundle;
}

export async function panelPage(browser: Browser, theme: ThemeName = "light", size = { width: 1100, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport: size });
  const csp = `default-src 'none'; script-src 'nonce-${NONCE}'; style-src ${ORIGIN} 'nonce-${NONCE}'; font-src ${ORIGIN}; img-src ${ORIGIN} data:`;
  const html = `<!DOCTYPE html><html><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta property="csp-nonce" content="${NONCE}">
<style nonce="${NONCE}">${themeCss(theme)}</style>
<script nonce="${NONCE}">
  globalThis.__posted = []; globalThis.__csp = [];
  document.addEventListener("securitypolicyviolation", (e) => globalThis.__csp.push(e.violatedDirective + " " + e.blockedURI));
  let saved;
  globalThis.acquireVsCodeApi = () => ({ postMessage: (m) => globalThis.__posted.push(m), getState: () => saved, setState: (s) => { saved = s; } });
</script></head><body class="vscode-${theme}"><div id="app"></div>
<script type="module" nonce="${NONCE}" src="${ORIGIN}/main.js"></script></body></html>`;
  const script = await panelBundle();
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url === `${ORIGIN}/`) return route.fulfill({ contentType: "text/html", body: html });
    if (url === `${ORIGIN}/main.js`) return route.fulfill({ contentType: "text/javascript", body: script });
    return route.abort();
  });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => (globalThis as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === "ready"));
  return page;
}

/** Sends runs as the extension does after "ready" or a change of a history file. */
export async function sendRuns(page: Page, runs: RunRecord[]): Promise<void> {
  await page.evaluate((r) => (globalThis as unknown as { postMessage(m: unknown, o: string): void }).postMessage({ type: "runs", runs: r, files: ["/ws/.aibook/runs.jsonl"] }, "*"), runs);
  await page.waitForFunction((n) => (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector(".count")?.textContent?.endsWith(`of ${n} runs`), runs.length);
}

export const posted = (page: Page) => page.evaluate(() => (globalThis as unknown as { __posted: unknown[] }).__posted);
export const cspViolations = (page: Page) => page.evaluate(() => (globalThis as unknown as { __csp: string[] }).__csp);
