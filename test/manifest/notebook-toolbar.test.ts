import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";

interface MenuItem {
  command: string;
  when?: string;
}
const manifest = JSON.parse(readFileSync(path.resolve(__dirname, "../../package.json"), "utf8")) as {
  contributes: { commands: { command: string }[]; menus: Record<string, MenuItem[]> };
};
const toolbar = manifest.contributes.menus["notebook/toolbar"] ?? [];

describe("manifest: notebook toolbar", () => {
  it("offers Interrupt Kernel only while something runs, so an idle notebook shows no stop button", () => {
    const interrupt = toolbar.find((item) => item.command === "aibook.interruptKernel");
    assert.ok(interrupt, "aibook.interruptKernel is on the notebook toolbar");
    assert.match(interrupt.when ?? "", /notebookType == aibook/);
    assert.match(interrupt.when ?? "", /\bnotebookHasSomethingRunning\b/);
  });

  it("shows only commands the extension declares", () => {
    const declared = new Set(manifest.contributes.commands.map((c) => c.command));
    assert.deepEqual(toolbar.map((item) => item.command).filter((c) => !declared.has(c)), []);
  });
});
