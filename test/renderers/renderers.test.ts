import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { launchChromium, render, rendererPage } from "./harness";
import { chart } from "../../src/runtime/report/chart";
import { toTablePayload } from "../../src/runtime/report/table";
import { toProfilePayload } from "../../src/runtime/report/profile";
import { toEvaluationPayload } from "../../src/runtime/report/evaluate";
import type { XYChart } from "../../src/protocol/views";
import { THEMES } from "./themes";
import { XSS, bigTable, charts, evaluationPayload, leaderboardPayload, multiclassEvaluation, profilePayload, regressionEvaluation, splitCheckPayload } from "./payloads";

/** WCAG contrast ratio of two computed `rgb(...)` colours. */
function contrast(a: string, b: string): number {
  // Chromium gives rgb(0-255) for plain colours and color(srgb 0-1) for color-mix results.
  const scale = (c: string) => (c.startsWith("color(srgb") ? 1 : 255);
  const luminance = (c: string) => {
    const [r, g, bl] = (c.replace(/^color\(srgb/, "").match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const x = Number(v) / scale(c);
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

function hexToRgb(hex: string): string {
  const n = parseInt(hex.slice(1, 7), 16);
  return `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
}

describe("notebook renderers in Chromium", function () {
  this.timeout(60_000);
  let browser: Browser;
  let page: Page;
  before(async () => (browser = await launchChromium()));
  after(async () => browser?.close());
  beforeEach(async () => (page = await rendererPage(browser)));
  afterEach(async () => page?.close());

  const xssRan = () => page.evaluate(() => (globalThis as { __xss?: number }).__xss ?? 0);
  const texts = (selector: string) => page.locator(selector).allTextContents();

  describe("table", () => {
    it("draws only the visible rows of 100,000 and reaches the last row by scrolling", async () => {
      await render(page, "table", bigTable());
      assert.match((await page.locator("#out .summary").textContent()) ?? "", /100,000 rows × 5 columns/);
      const drawn = await page.locator("#out .tr").count();
      assert.ok(drawn > 10 && drawn < 60, `drew ${drawn} rows`);
      await page.locator("#out .viewport").evaluate((el) => ((el as unknown as { scrollTop: number }).scrollTop = 1e9));
      await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector("#out .tr:last-child .idx")?.textContent === "99999");
      assert.ok((await page.locator("#out .tr").count()) < 60);
    });

    it("shows column types and missing counts, marks missing cells, and sorts on a header click", async () => {
      const payload = bigTable(1000);
      await render(page, "table", payload);
      const header = await texts("#out .head [role=columnheader]");
      assert.match(header[2], /^age\s*integer\s*\d+ missing$/);
      assert.ok((await page.locator("#out .tr .missing").count()) > 0, "a missing age is marked");
      assert.equal(await page.locator("#out .tr .missing").first().textContent(), "NaN");
      const income = page.locator('#out .head [data-column="2"]');
      await income.click();
      assert.equal(await income.getAttribute("aria-sort"), "ascending");
      const sorted = [...payload.data[2]].sort((a, b) => (a as number) - (b as number));
      assert.equal(await page.locator("#out .tr").first().locator("[role=gridcell]").nth(2).textContent(), String(sorted[0]).replace(/\B(?=(\d{3})+(?!\d))/g, ","));
      await income.focus();
      await page.keyboard.press("Enter");
      assert.equal(await income.getAttribute("aria-sort"), "descending", "Enter on a focused header sorts too");
      const top = await page.locator("#out .tr").first().locator("[role=gridcell]").nth(2).textContent();
      assert.equal(Number(top!.replace(/,/g, "")), sorted[sorted.length - 1]);
    });

    it("marks a missing value of a string, date or boolean column as missing, not as NaN (not a number)", async () => {
      await render(page, "table", toTablePayload({ n: [1.5, null, 2], s: ["a", null, "NaN"], when: ["2024-01-02", null, "2024-01-03"], ok: [true, null, false] }));
      const row = await page.locator("#out .tr").nth(1).locator("[role=gridcell]").evaluateAll((cells) => cells.map((c) => [(c as unknown as { className: string }).className, (c as unknown as { textContent: string }).textContent]));
      assert.deepEqual(row, [["missing num", "NaN"], ["missing", "<NA>"], ["missing", "NaT"], ["missing", "<NA>"]]);
      const literal = page.locator("#out .tr").nth(2).locator("[role=gridcell]").nth(1);
      assert.deepEqual([await literal.textContent(), await literal.getAttribute("class")], ["NaN", ""], "the string \"NaN\" is data, not a missing value");
      const align = await page.locator("#out .tr").nth(1).locator("[role=gridcell]").first().evaluate((c) => (globalThis as unknown as { getComputedStyle(e: unknown): { textAlign: string } }).getComputedStyle(c).textAlign);
      assert.equal(align, "right", "a missing number sits where the numbers of its column end, as in pandas");
    });

    it("lines a number column up on its decimal point (2.8 under 2.65 shows as 2.80), without padding long decimals", async () => {
      await render(page, "table", toTablePayload({ ash: [2.8, 2.65, 13, -0.5], tiny: [0.000123, 1.5, 2, 3], count: [1, 20, 300, 4000] }));
      const column = (j: number) => page.locator("#out .tr").evaluateAll((rows, k) => rows.map((r) => (r as unknown as { children: { textContent: string }[] }).children[(k as number) + 1].textContent), j);
      assert.deepEqual(await column(0), ["2.80", "2.65", "13.00", "-0.50"]);
      assert.deepEqual(await column(1), ["0.000123", "1.5", "2", "3"], "six decimals would be padded: none are");
      assert.deepEqual(await column(2), ["1", "20", "300", "4,000"]);
      const [frame, columns] = await page.locator("#out .viewport").evaluate((el) => {
        const box = el as unknown as { getBoundingClientRect(): { width: number }; querySelector(s: string): { getBoundingClientRect(): { width: number } } };
        return [box.getBoundingClientRect().width, box.querySelector(".head").getBoundingClientRect().width];
      });
      assert.ok(frame <= columns + 4, `a three-column table sits in a ${frame}px frame for ${columns}px of columns`);
    });

    it("shows a cell holding markup as text and never runs it", async () => {
      await render(page, "table", bigTable(20));
      assert.equal(await page.locator("#out img").count(), 0);
      assert.ok((await texts("#out [role=gridcell]")).includes(XSS));
      assert.equal(await xssRan(), 0);
    });
  });

  it("profile: a row per column with type, missing share, statistics and a histogram; class balance and warnings", async () => {
    await render(page, "profile", profilePayload());
    assert.deepEqual(await page.locator("#out table.columns tbody tr").evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { column: string } }).dataset.column)), ["age", "income", "segment", "churned"]);
    const age = (await page.locator('#out tr[data-column="age"]').textContent()) ?? "";
    assert.match(age, /integer/);
    assert.match(age, /\d+ \(\d+(\.\d)?%\)/);
    assert.match(age, /mean/);
    assert.ok((await page.locator('#out tr[data-column="income"] svg rect').count()) > 3);
    assert.match((await page.locator("#out .warnings").textContent()) ?? "", /imbalanced/);
    assert.deepEqual((await texts("#out table.balance td:first-child")).sort(), ["no", "yes"]);
    assert.ok((await texts('#out tr[data-column="segment"] .top div')).some((t) => t.includes(XSS)));
    assert.equal(await page.locator("#out img").count(), 0);
    assert.equal(await xssRan(), 0);
  });

  it("evaluation: metric tiles, a confusion-matrix heatmap and the ROC curve with its AUC", async () => {
    const payload = evaluationPayload();
    await render(page, "evaluation", payload);
    assert.deepEqual(await page.locator("#out .tile").evaluateAll((els) => els.map((e) => (e as unknown as { dataset: { metric: string } }).dataset.metric)), payload.metrics.map((m) => m.name));
    const cells = await texts("#out table.confusion td.cm-cell > div:first-child");
    assert.deepEqual(cells.map(Number), payload.confusion!.matrix.flat());
    assert.equal(await page.locator("#out polyline.roc").count(), 1);
    const auc = payload.roc![0].auc!.toPrecision(3);
    assert.match((await page.locator("#out .roc-legend").textContent()) ?? "", new RegExp(`AUC ${Number(auc)}`));
  });

  for (const theme of ["light", "dark"] as const) {
    it(`evaluation: confusion-matrix numbers keep a readable contrast on the heatmap (${theme})`, async () => {
      const themed = await rendererPage(browser, theme);
      try {
        await render(themed, "evaluation", evaluationPayload());
        const styles: [string, string][] = await themed.locator("#out table.confusion td.cm-cell > div").evaluateAll((els) =>
          els.map((el) => {
            const style = (globalThis as unknown as { getComputedStyle(e: unknown): { color: string; backgroundColor: string } }).getComputedStyle(el);
            return [style.color, style.backgroundColor] as [string, string];
          }),
        );
        // The numbers need a solid background of their own: the heatmap shade under them varies.
        for (const [, bg] of styles) assert.match(bg, /^rgb\(/, `number background ${bg} is not opaque`);
        const ratios = styles.map(([fg, bg]) => contrast(fg, bg));
        assert.ok(ratios.length > 0);
        for (const ratio of ratios) assert.ok(ratio >= 4.5, `contrast ${ratio.toFixed(2)} below WCAG AA (4.5)`);
      } finally {
        await themed.close();
      }
    });
  }

  for (const theme of ["light", "dark"] as const) {
    it(`ROC curves, chart series and their legend swatches are opaque and stand out from the background (${theme})`, async () => {
      const themed = await rendererPage(browser, theme);
      const background = THEMES[theme]["--vscode-editor-background"];
      const colours = (selector: string, property: "stroke" | "backgroundColor") =>
        themed.locator(selector).evaluateAll(
          (els, prop) => els.map((el) => (globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(el)[prop as string]),
          property,
        );
      try {
        // VS Code's charts.orange is #EA5C0055: drawn as given, the second curve is a faint brown line.
        await render(themed, "evaluation", multiclassEvaluation());
        const strokes = await colours("#out polyline.roc", "stroke");
        const swatches = await colours("#out .roc-legend .swatch", "backgroundColor");
        assert.equal(strokes.length, 3);
        assert.deepEqual(swatches, strokes, "each legend swatch has its curve's colour");
        const line = charts().line;
        await render(themed, "chart", { ...line, series: [0, 1, 2, 3, 4, 5].map((k) => ({ ...(line as XYChart).series[0], name: `s${k}` })) });
        strokes.push(...(await colours("#out polyline.line", "stroke")));
        assert.equal(strokes.length, 9, "a chart of six series uses every series colour");
        for (const stroke of strokes) {
          assert.match(stroke, /^rgb\(/, `series colour ${stroke} is not opaque`);
          const ratio = contrast(stroke, hexToRgb(background));
          assert.ok(ratio >= 3, `series colour ${stroke} has contrast ${ratio.toFixed(2)} on ${background}, below 3:1 for graphics`);
        }
      } finally {
        await themed.close();
      }
    });
  }

  for (const theme of ["light", "dark"] as const) {
    it(`warning and error text (profile notes, missing counts, split findings, failed models) reads at 4.5:1 (${theme})`, async () => {
      const themed = await rendererPage(browser, theme);
      const background = hexToRgb(THEMES[theme]["--vscode-editor-background"]);
      const colours = (selector: string) => themed.locator(selector).evaluateAll((els) => els.map((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(el).color));
      try {
        const seen: [string, string][] = [];
        await render(themed, "profile", profilePayload());
        for (const c of await colours("#out .notes")) seen.push(["profile note", c]);
        await render(themed, "table", bigTable(200));
        for (const c of await colours("#out .nmiss")) seen.push(["missing count", c]);
        await render(themed, "split-check", splitCheckPayload());
        for (const c of await colours("#out .sev-error, #out .sev-warning")) seen.push(["split finding", c]);
        assert.ok(new Set(seen.map(([what]) => what)).size === 3, `found ${seen.map(([what]) => what).join(", ")}`);
        for (const [what, colour] of seen) {
          const ratio = contrast(colour, background);
          assert.ok(ratio >= 4.5, `${what} ${colour} has contrast ${ratio.toFixed(2)} on ${background}, below 4.5`);
        }
      } finally {
        await themed.close();
      }
    });
  }

  it("numbers in result tables are right-aligned under right-aligned headers", async () => {
    await render(page, "evaluation", multiclassEvaluation());
    const align = (selector: string) => page.locator(selector).evaluateAll((els) => els.map((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { textAlign: string } }).getComputedStyle(el).textAlign));
    assert.deepEqual([...new Set(await align("#out table.per-class td.num"))], ["right"]);
    assert.deepEqual(await align("#out table.per-class th"), ["left", "right", "right", "right", "right"]);
    const perClass = await texts("#out table.per-class td.num");
    assert.ok(perClass.every((t, i) => i % 4 === 3 || /^\d\.\d{3}$/.test(t)), `scores with three decimals: ${perClass.join(" ")}`);
    await render(page, "leaderboard", leaderboardPayload());
    assert.deepEqual([...new Set(await align("#out td.num"))], ["right"]);
    await render(page, "split-check", splitCheckPayload());
    assert.deepEqual([...new Set(await align("#out td.num"))], ["right"]);
    const statistics = await page.locator("#out table.distributions td.num").allTextContents();
    assert.ok(statistics.length > 0 && statistics.every((t) => /^(([DV]|χ²|d) )?([+−]?\d+\.\d{3}|< 0\.001)$/.test(t)), `statistic, p-value and effect with three decimals: ${statistics.join(" ")}`);
  });

  it("evaluation: one ROC curve per class, and class labels shown as text", async () => {
    await render(page, "evaluation", multiclassEvaluation());
    const top = (selector: string) => page.locator(selector).evaluate((el) => (el as unknown as { getBoundingClientRect(): { top: number; bottom: number } }).getBoundingClientRect());
    const [perClass, roc] = [await top("#out table.per-class"), await top("#out .roc-chart")];
    assert.ok(perClass.top < roc.bottom, "the per-class table sits under the confusion matrix, beside the ROC curve, not below an empty block");
    assert.equal(await page.locator("#out polyline.roc").count(), 3);
    assert.ok((await texts("#out table.confusion th")).includes(XSS));
    assert.equal(await page.locator("#out img").count(), 0);
    assert.equal(await xssRan(), 0);
  });

  it("evaluation: residuals against predictions for regression", async () => {
    const payload = regressionEvaluation();
    await render(page, "evaluation", payload);
    assert.equal(await page.locator("#out .residuals circle").count(), payload.residuals!.predicted.length);
    assert.equal(await page.locator("#out table.confusion").count(), 0);
    assert.deepEqual(await page.locator("#out .tile").evaluateAll((els) => els.map((e) => (e as unknown as { dataset: { metric: string } }).dataset.metric)), ["r2", "rmse", "mae"]);
  });

  it("leaderboard: simplest model first, the best marked, names shown as text", async () => {
    const payload = leaderboardPayload();
    await render(page, "leaderboard", payload);
    const names = await page.locator("#out tr[data-name]").evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { name: string } }).dataset.name));
    assert.deepEqual(names, payload.entries.map((e) => e.name));
    assert.equal(names[names.length - 1], "threshold");
    assert.match((await page.locator("#out tr.is-best").textContent()) ?? "", /threshold.*best/);
    assert.equal(await page.locator("#out img").count(), 0);
    assert.equal(await xssRan(), 0);
  });

  it("charts: histogram bins, scatter points, line series and bars as SVG", async () => {
    const c = charts();
    await render(page, "chart", c.histogram);
    assert.equal(await page.locator("#out svg.chart-histogram rect.bar").count(), c.histogram.chart === "histogram" ? c.histogram.series.length * c.histogram.series[0].counts.length : -1);
    await render(page, "chart", c.scatter);
    assert.equal(await page.locator("#out svg.chart-scatter circle.point").count(), 400);
    await render(page, "chart", c.line);
    assert.equal(await page.locator("#out svg.chart-line polyline.line").count(), 2);
    await render(page, "chart", c.bar);
    assert.equal(await page.locator("#out svg.chart-bar rect.bar").count(), 4);
    assert.equal(await page.locator("#out img").count(), 0);
    assert.equal(await xssRan(), 0);
  });

  it("charts: the title is drawn in the text colour, not the grey of tick labels (dark)", async () => {
    const dark = await rendererPage(browser, "dark");
    try {
      await render(dark, "chart", charts().scatter);
      const fill = (selector: string) => dark.locator(selector).first().evaluate((e) => (globalThis as unknown as { getComputedStyle(x: unknown): { fill: string } }).getComputedStyle(e).fill);
      assert.equal(await fill("#out svg text.plot-title"), hexToRgb(THEMES.dark["--vscode-editor-foreground"]));
      assert.equal(await fill("#out svg text:not(.plot-title)"), hexToRgb(THEMES.dark["--vscode-descriptionForeground"]));
    } finally {
      await dark.close();
    }
  });

  it("charts: a line over dates has years on its x axis", async () => {
    const days = Array.from({ length: 60 }, (_, i) => new Date(Date.UTC(2019, i, 1)).toISOString().slice(0, 10));
    await render(page, "chart", chart.line(days, days.map((_, i) => Math.sin(i / 6))).payload);
    const labels = await texts("#out svg.chart-line text");
    const years = labels.filter((l) => /^20\d\d$/.test(l));
    assert.ok(years.length >= 2 && years.includes("2020"), `year ticks in ${labels.join(" ")}`);
    assert.ok(!labels.some((l) => /\d{6,}|e\+/.test(l.replace(/,/g, ""))), `no epoch milliseconds shown: ${labels.join(" ")}`);
  });

  it("split check: findings with their rule, class shares and shifted columns", async () => {
    await render(page, "split-check", splitCheckPayload());
    const findings = await texts("#out .warnings li");
    assert.equal(findings.length, 2);
    assert.match(findings[0], /^error duplicate-leakage: 21 test rows/);
    assert.ok(findings[0].includes(XSS));
    assert.match((await page.locator("#out").textContent()) ?? "", /incomeKolmogorov–Smirnov.*shifted/);
    const row = (name: string) => page.locator(`#out table.distributions tr[data-column="${name}"] td`).allTextContents();
    // The KS statistic D was shown twice (as statistic and as effect); the effect of a number
    // column is now how far its mean moved, in standard deviations, and a category's Cramér's V.
    assert.deepEqual((await row("income")).slice(2, 5), ["D 0.310", "< 0.001", "d +0.820"]);
    assert.deepEqual((await row("age")).slice(2, 5), ["D 0.040", "0.910", "d −0.021"]);
    assert.deepEqual((await row("segment")).slice(2, 5), ["χ² 4.200", "0.120", "V 0.065"]);
    const headerTitle = await page.locator("#out table.distributions th", { hasText: "effect size" }).getAttribute("title");
    assert.match(headerTitle ?? "", /standardized mean difference/);
    assert.equal(await page.locator("#out img").count(), 0);
    assert.equal(await xssRan(), 0);
  });

  it("split check of a time split without findings does not say the test set looks like the training set", async () => {
    // Its columns are not compared (the test rows are the future); the title used to claim they match.
    await render(page, "split-check", { ...splitCheckPayload(""), findings: [], columns: [], classBalance: undefined, timeOrdered: true });
    const title = (await texts("#out .title"))[0];
    assert.doesNotMatch(title, /looks like the training set/);
    assert.match(title, /time split/);
  });

  describe("user data at the edges", () => {
    const box = (selector: string) => page.locator(selector).first().evaluate((el) => {
      const r = (el as unknown as { getBoundingClientRect(): { left: number; right: number; width: number } }).getBoundingClientRect();
      return { left: r.left, right: r.right, width: r.width };
    });

    it("chart: tick labels of huge numbers stay inside the output, and a cut category name keeps its full text", async () => {
      const long = "a_really_long_feature_name_from_a_wide_csv";
      await render(page, "chart", chart.bar([long, "b"], { v: [1e21, 3e20] }).payload);
      const out = await box("#out");
      const labels = await page.locator("#out svg text").evaluateAll((els) => els.map((e) => {
        const r = (e as unknown as { getBoundingClientRect(): { left: number } }).getBoundingClientRect();
        return { text: (e as unknown as { textContent: string }).textContent, left: r.left };
      }));
      const clipped = labels.filter((l) => l.left < out.left - 0.5);
      assert.deepEqual(clipped, [], "labels cut off at the left edge");
      assert.ok((await texts("#out svg text title")).includes(long), "the cut label has its full name as a tooltip");
    });

    it("table: -0 shows as 0", async () => {
      await render(page, "table", toTablePayload({ v: [-0, 1.5] }));
      assert.equal(await page.locator("#out .tr [role=gridcell]").first().textContent(), "0.0");
    });

    it("profile: a very long column name wraps instead of pushing the statistics out of view", async () => {
      const long = "x".repeat(150);
      await render(page, "profile", toProfilePayload({ [long]: [1, 2, 3], b: ["u", "v", "w"] }));
      const name = await box("#out .colname");
      assert.ok(name.width <= 300, `the name column is ${name.width}px wide`);
    });

    it("evaluation: a confusion matrix of 100 classes fits the output (compact cells, counts in tooltips), and scrolls if it must", async () => {
      const classes = Array.from({ length: 100 }, (_, i) => `class_${i}`);
      const y = Array.from({ length: 1000 }, (_, i) => classes[i % 100]);
      const pred = y.map((v, i) => (i % 7 === 0 ? classes[(i * 13) % 100] : v));
      await render(page, "evaluation", toEvaluationPayload({ estimatorName: "Big", classes, predict: () => pred }, y.map((_, i) => [i]), y));
      const out = await box("#out");
      const matrix = await box("#out .confusion-wrap");
      assert.ok(matrix.right <= out.right + 0.5, `matrix ${matrix.right} beyond the output ${out.right}`);
      const cell = page.locator("#out table.confusion td.cm-cell").first();
      assert.match((await cell.getAttribute("title")) ?? "", /^true class_0, predicted class_0: 10 /);
      assert.equal(await page.locator("#out table.confusion td.cm-cell").count(), 100 * 100);
    });
  });

  it("has an XSS probe that would catch markup run as HTML (so the checks above can fail)", async () => {
    await page.evaluate((markup) => {
      const doc = (globalThis as unknown as { document: { getElementById(id: string): { innerHTML: string } } }).document;
      doc.getElementById("out").innerHTML = markup;
    }, XSS);
    await page.waitForFunction(() => (globalThis as { __xss?: number }).__xss === 1);
    assert.equal(await xssRan(), 1);
  });

  it("refuses a payload it does not understand with a message", async () => {
    await render(page, "evaluation", { kind: "table" });
    assert.match((await page.locator("#out").textContent()) ?? "", /Cannot show this evaluation/);
  });
});
