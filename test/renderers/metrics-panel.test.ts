import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./harness";
import { cspViolations, panelPage, posted, sendRuns } from "./panel-harness";
import { sampleRuns } from "./panel-runs";
import { XSS } from "./payloads";

describe("metrics panel webview in Chromium", function () {
  this.timeout(60_000);
  let browser: Browser;
  let page: Page;
  before(async () => (browser = await launchChromium()));
  after(async () => browser?.close());
  beforeEach(async () => (page = await panelPage(browser)));
  afterEach(async () => page?.close());

  const rowNames = () => page.locator("vscode-table-row").evaluateAll((rows) => rows.map((r) => (r as unknown as { children: { textContent: string }[] }).children[2].textContent));

  it("lists every run newest first under the strict CSP, with VS Code Elements defined", async () => {
    const runs = sampleRuns();
    await sendRuns(page, runs);
    assert.equal(await page.locator("vscode-table-row").count(), runs.length);
    assert.deepEqual((await rowNames())[0], "price model");
    assert.ok(await page.evaluate(() => Boolean((globalThis as unknown as { customElements: { get(n: string): unknown } }).customElements.get("vscode-table"))));
    assert.deepEqual(await cspViolations(page), []);
  });

  it("filters by words and sorts by a metric column", async () => {
    await sendRuns(page, sampleRuns());
    await page.locator("vscode-textfield").evaluate((el) => {
      const field = el as unknown as { value: string; dispatchEvent(e: unknown): void };
      field.value = "churn";
      field.dispatchEvent(new (globalThis as unknown as { Event: new (t: string) => unknown }).Event("input"));
    });
    assert.equal(await page.locator("vscode-table-row").count(), 3);
    await page.locator('vscode-table-header-cell[data-key="accuracy"]').click();
    const names = await rowNames();
    assert.equal(names[0], "threshold on x0");
  });

  it("compares selected runs: metrics side by side, confusion matrices, ROC curves overlaid", async () => {
    const runs = sampleRuns();
    await sendRuns(page, runs);
    for (const id of [runs[0].id, runs[1].id]) await page.locator(`vscode-checkbox[data-run="${id}"]`).click();
    await page.waitForSelector("#comparison table.metrics-compare");
    assert.deepEqual(await page.locator("#comparison table.metrics-compare tr:first-child th").allTextContents(), ["", "baseline", "threshold on x0"]);
    assert.equal(await page.locator("#comparison table.confusion").count(), 2);
    assert.equal(await page.locator("#comparison polyline.roc").count(), 1, "the dummy model has no probabilities, the threshold model one curve");
    assert.match((await page.locator('#comparison tr[data-metric="accuracy"] .best-value').textContent()) ?? "", /\d/);
  });

  it("keeps the name, model and cell columns readable in a panel beside the notebook (scrolls instead of squeezing them)", async () => {
    const narrow = await panelPage(browser, "dark", { width: 560, height: 700 });
    try {
      await sendRuns(narrow, sampleRuns());
      const keys = await narrow.locator("vscode-table-header-cell").evaluateAll((cells) => cells.map((c) => (c as unknown as { dataset: { key?: string } }).dataset.key ?? ""));
      const columns = ["name", "model", "notebook"].map((k) => keys.indexOf(k));
      const widths = await narrow.locator("vscode-table-row").first().evaluate((row, at) => at.map((i) => Math.round((row as unknown as { children: { getBoundingClientRect(): { width: number } }[] }).children[i].getBoundingClientRect().width)), columns);
      for (const width of widths) assert.ok(width >= 100, `name, model and notebook columns are ${widths.join(", ")} px wide`);
    } finally {
      await narrow.close();
    }
  });

  it("beside a narrow notebook (500 px) shows the metric columns next to the run names, in view without scrolling; at 1200 px every column", async () => {
    const inView = async (p: Page, width: number) => {
      const headers = await p.locator("vscode-table-header-cell").evaluateAll((cells) => cells.map((c) => {
        const el = c as unknown as { dataset: { key?: string }; getBoundingClientRect(): { left: number; right: number } };
        const r = el.getBoundingClientRect();
        return { key: el.dataset.key ?? "", left: r.left, right: r.right };
      }));
      return { order: headers.map((x) => x.key), visible: headers.filter((x) => x.key && x.right <= width + 0.5).map((x) => x.key) };
    };
    const narrow = await panelPage(browser, "dark", { width: 500, height: 700 });
    try {
      await sendRuns(narrow, sampleRuns());
      const { order, visible } = await inView(narrow, 500);
      const metrics = order.filter((k) => !["", "time", "name", "model", "notebook", "rows"].includes(k));
      assert.ok(metrics.length >= 5, order.join(", "));
      assert.deepEqual(order.slice(1, 2 + 3), ["name", ...metrics.slice(0, 3)], `the name, then the metrics: ${order.join(", ")}`);
      assert.ok(metrics.slice(0, 3).every((m) => visible.includes(m)), `metric columns in view at 500 px: ${visible.join(", ")}`);
    } finally {
      await narrow.close();
    }
    const wide = await panelPage(browser, "light", { width: 1200, height: 700 });
    try {
      await sendRuns(wide, sampleRuns());
      const { order, visible } = await inView(wide, 1200);
      assert.deepEqual(order.slice(0, 6), ["", "time", "name", "model", "notebook", "rows"], "the wide layout keeps time, name, model, cell first");
      assert.deepEqual(visible, order.filter(Boolean), "every column in view at 1200 px");
    } finally {
      await wide.close();
    }
  });

  it("keeps the sort arrow on the header's line, right-aligns metric values and does not make Clear history the primary button", async () => {
    await sendRuns(page, sampleRuns());
    const sorted = page.locator('vscode-table-header-cell[data-key="time"]');
    assert.equal(await sorted.getAttribute("data-sorted"), "desc");
    assert.match((await sorted.textContent()) ?? "", /^time ▼$/);
    const height = (selector: string) => page.locator(selector).first().evaluate((el) => (el as unknown as { getBoundingClientRect(): { height: number } }).getBoundingClientRect().height);
    // Drawn by ::after, the arrow fell onto a second line and made the header row as tall as two body rows.
    const [header, row] = [await height('vscode-table-header-cell[data-key="time"]'), await height("vscode-table-row")];
    assert.ok(header < row * 1.5, `header row ${header}px tall against ${row}px for a body row: the sort arrow wrapped`);
    assert.equal(await page.locator("#clear-history").getAttribute("secondary"), "");
    const align = (selector: string) => page.locator(selector).evaluateAll((els) => [...new Set(els.map((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { textAlign: string } }).getComputedStyle(el).textAlign))]);
    assert.deepEqual(await align('vscode-table-cell.num, vscode-table-header-cell[data-key="accuracy"]'), ["right"], "metric values line up on their last digit under their header");
  });

  it("asks the extension to open the cell a run came from, and to clear the history", async () => {
    const runs = sampleRuns();
    await sendRuns(page, runs);
    await page.locator(`vscode-table-row[data-run="${runs[1].id}"] .open-cell`).click();
    await page.locator("#clear-history").click();
    const messages = (await posted(page)) as { type: string }[];
    assert.deepEqual(messages.filter((m) => m.type !== "ready"), [{ type: "openCell", notebook: "/ws/churn.aibook", cell: 6, cellId: "c6" }, { type: "clear" }]);
  });

  it("shows run names from data as text", async () => {
    const runs = sampleRuns();
    runs[0] = { ...runs[0], name: XSS };
    await sendRuns(page, runs);
    assert.ok((await rowNames()).includes(XSS));
    assert.equal(await page.locator("img").count(), 0);
    assert.equal(await page.evaluate(() => (globalThis as { __xss?: number }).__xss ?? 0), 0);
  });
});
