import assert from "node:assert/strict";
import { DataFrame } from "danfojs-node";
import { profile } from "../../../src/runtime/report/profile";
import { Mime } from "../../../src/protocol/mime";
import { LinearRegression } from "../../../src/runtime/models/linear";

describe("profile", () => {
  const df = new DataFrame({
    age: [20, 30, NaN, 40, 40, 200, 50],
    city: ["Oslo", "Rome", "Oslo", null, null, "Oslo", "Rome"],
    label: ["yes", "no", "no", "no", "no", "no", "no"],
  });

  it("gives per column the type, missing share, distinct values and pandas' describe() statistics", () => {
    const p = profile(df, { target: "label" });
    const age = p.column("age")!;
    assert.equal(age.type, "integer");
    assert.equal(age.missing, 1);
    assert.equal(age.missingShare, 1 / 7);
    assert.equal(age.distinct, 5);
    // pandas: Series([20, 30, 40, 40, 200, 50]).describe()
    const pandas = { mean: 63.333333333333336, std: 67.72493386240157, min: 20, q1: 32.5, median: 40, q3: 47.5, max: 200 };
    for (const [k, v] of Object.entries(pandas)) assert.ok(Math.abs((age.stats as unknown as Record<string, number>)[k] - v) < 1e-9, k);
    assert.equal(age.outliers, 1);
    assert.ok(age.notes.includes("1 outlier (beyond 1.5 IQR)"), `one outlier is not "1 outliers": ${age.notes.join(" · ")}`);
    assert.equal(age.histogram!.counts.reduce((a, b) => a + b, 0), 6);
    const city = p.column("city")!;
    assert.equal(city.type, "string");
    assert.deepEqual(city.topValues?.[0], { label: "Oslo", count: 3, share: 0.6 });
  });

  it("counts duplicate rows and reports the class balance of the target", () => {
    const p = profile(df, { target: "label" });
    assert.equal(p.duplicateRows, 1);
    assert.deepEqual(p.payload.classBalance?.map((b) => [b.label, b.count]), [["no", 6], ["yes", 1]]);
    assert.ok(p.warnings.some((w) => /imbalanced/.test(w)), p.warnings.join("\n"));
    assert.ok(p.warnings.some((w) => /^1 row repeats an earlier row/.test(w)), p.warnings.join("\n"));
  });

  it("names the columns when the target is not one of them", () => {
    assert.throws(() => profile(df, { target: "price" }), /"price" is not a column; columns are age, city, label/);
  });

  it("refuses a misspelt option, which used to drop the class balance silently", () => {
    assert.throws(() => profile(df, { traget: "label" } as never), /profile has no option "traget"\. Known options: target, title/);
  });

  it("names the columns of plain rows x0, x1, … as the models' errors do", () => {
    const p = profile([[1, 2], [3, NaN], [5, 2]]);
    assert.deepEqual(p.payload.columns.map((c) => c.name), ["x0", "x1"]);
    assert.ok(p.warnings.some((w) => /Missing values in x1 \(1\)/.test(w)), p.warnings.join("\n"));
    assert.throws(() => new LinearRegression().fit([[1, 2], [3, NaN], [5, 2]], [1, 2, 3]), /in x1 \(1\)/);
  });

  it("says to drop a column with no values at all rather than impute it", () => {
    const p = profile([{ a: 1, b: null, c: 1 }, { a: 2, b: null, c: null }, { a: 3, b: null, c: 3 }]);
    assert.ok(p.warnings.includes(`"b" has no values at all: drop it (df.drop({ columns: ["b"] })).`), p.warnings.join("\n"));
    assert.ok(p.warnings.some((w) => /^Missing values in c \(1\): impute/.test(w)), p.warnings.join("\n"));
  });

  it("shows a profile mime and a text table", () => {
    const [rich, text] = profile(df).toMimeBundle();
    assert.equal(rich.mime, Mime.profile);
    assert.match(String(text.data), /age\s+integer\s+1 \(14%\)\s+5\s+63\.3333/);
  });

  it("text form names the columns with outliers, which the rich view shows and the terminal used to drop", () => {
    const text = String(profile(df));
    assert.match(text, /\n\nOutliers \(values beyond 1\.5 IQR of their column\): age 1\n/);
    const many = new DataFrame(Object.fromEntries(Array.from({ length: 12 }, (_, j) => [`a_rather_long_column_${j}`, [1, 2, 2, 3, 2, 100]])));
    const lines = String(profile(many)).split("\n").filter((l) => /Outliers|a_rather_long_column_\d+ 1/.test(l));
    assert.ok(lines.length > 1 && lines.every((l) => l.length <= 80), lines.join("\n"));
    assert.doesNotMatch(String(profile(new DataFrame({ x: [1, 2, 3, 4] }))), /Outliers/);
    // a 0/1 flag that is mostly 0 has an IQR of 0: its 1s are not outliers
    const flags = profile(new DataFrame({ flag: [0, 0, 0, 0, 0, 0, 0, 1, 1], v: [1, 2, 2, 3, 2, 2, 3, 2, 100] }));
    assert.equal(flags.column("flag")!.outliers, undefined);
    assert.equal(flags.column("v")!.outliers, 1);
  });

  it("text form stays within 80 columns with long names and large numbers: the overview, then the statistics", () => {
    const text = profile({ ["a_long_column_name_from_a_wide_csv_file"]: [1e21, 3, 1e-12], segment: ["a", "b", "c"], n: [1, 2, 3] }).toString();
    const tables = text.split("\n\n").slice(1, 3);
    assert.ok(tables.every((t) => t.split("\n").every((l) => l.length <= 80)), text);
    assert.match(tables[1], /^column\s+mean\s+std\s+min\s+median\s+max$/m);
    assert.match(tables[1], /^n\s+2\s+1\s+1\s+2\s+3$/m);
  });
});

