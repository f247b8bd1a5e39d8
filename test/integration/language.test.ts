/**
 * The language server inside a real VS Code: completions, hover, type errors and pitfall
 * diagnostics on notebook cells, quick fixes, and no squiggles from the built-in TypeScript.
 * Each test writes its own notebook into the fresh workspace copy of this run.
 */
import * as assert from "node:assert/strict";
import * as vscode from "vscode";

const encoder = new TextEncoder();

/** Writes a notebook of code cells (and "# " markdown cells) into the workspace and opens it. */
async function openNotebook(name: string, cells: string[]): Promise<vscode.NotebookDocument> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, "the integration run opens a workspace folder");
  const uri = vscode.Uri.joinPath(folder.uri, name);
  const file = {
    aibook: 1,
    metadata: {},
    cells: cells.map((text) =>
      text.startsWith("# ") ? { kind: "markdown", source: text.split("\n") } : { kind: "code", language: "typescript", source: text.split("\n") },
    ),
  };
  await vscode.workspace.fs.writeFile(uri, encoder.encode(JSON.stringify(file, null, 2) + "\n"));
  const notebook = await vscode.workspace.openNotebookDocument(uri);
  await vscode.window.showNotebookDocument(notebook);
  return notebook;
}

/** Polls until `probe` returns a value that is not undefined, or fails after `ms` naming what it waited for. */
async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 45000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ""}`);
}

const diagnosticsOf = (cell: vscode.NotebookCell) => vscode.languages.getDiagnostics(cell.document.uri);
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === "object" ? d.code.value : d.code);
const hoverText = (hovers: vscode.Hover[]) =>
  hovers.flatMap((h) => h.contents.map((c) => (typeof c === "string" ? c : "value" in c ? c.value : ""))).join("\n");

/** Waits for the server's first diagnostics pass over a notebook: its type check of the last cell. */
async function analysed(notebook: vscode.NotebookDocument, cellIndex: number, marker: (d: vscode.Diagnostic) => boolean) {
  return waitFor(`diagnostics on cell ${cellIndex} of ${notebook.uri.path}`, () => {
    const found = diagnosticsOf(notebook.cellAt(cellIndex)).filter(marker);
    return found.length ? found : undefined;
  });
}

suite("aibook language server in VS Code", () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension("aibook.aibook")?.activate();
  });

  test("cells get the aibook-typescript language and complete a name declared two cells above", async () => {
    const nb = await openNotebook("completion.aibook", ["const trainingRows = [[1, 2], [3, 4]];", "const unrelated = 1;", "trainingRows.length"]);
    assert.equal(nb.cellAt(0).document.languageId, "aibook-typescript");
    const items = await waitFor("a completion of trainingRows", async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>("vscode.executeCompletionItemProvider", nb.cellAt(2).document.uri, new vscode.Position(0, 5));
      const labels = list.items.map((i) => (typeof i.label === "string" ? i.label : i.label.label));
      return labels.includes("trainingRows") ? labels : undefined;
    });
    assert.ok(items.includes("trainingRows"));
  });

  test("hover on trainTestSplit shows its signature from the shipped runtime types", async () => {
    const nb = await openNotebook("hover.aibook", ['import { trainTestSplit } from "aibook";', "const parts = trainTestSplit([[1], [2], [3], [4]], [0, 1, 0, 1], { testSize: 0.5 });"]);
    const text = await waitFor("a hover on trainTestSplit", async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", nb.cellAt(1).document.uri, new vscode.Position(0, 18));
      const t = hoverText(hovers);
      return /trainTestSplit/.test(t) ? t : undefined;
    });
    assert.match(text, /trainTestSplit<number\[\]\[\], number\[\]>\(X: number\[\]\[\], y: number\[\], options\?: SplitOptions\): XYSplit/);
    const option = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", nb.cellAt(1).document.uri, new vscode.Position(0, 69));
    assert.match(hoverText(option), /Fraction \(0–1\) or number of test rows/, "the runtime's TSDoc reaches the hover");
  });

  test("a type error shows on its own cell, a re-declared const and top-level await do not, and the built-in TypeScript stays silent", async () => {
    const nb = await openNotebook("types.aibook", [
      'import { readFile } from "node:fs/promises";\nconst count = 1;',
      "const count = 2;\nconst text = await Promise.resolve('x');",
      "const label: string = count;",
    ]);
    const [error] = await analysed(nb, 2, (d) => d.source === "aibook-ts");
    assert.equal(codeOf(error!), 2322);
    assert.equal(error!.range.start.line, 0);
    assert.equal(error!.range.start.character, 6);
    assert.deepEqual(diagnosticsOf(nb.cellAt(0)), []);
    assert.deepEqual(diagnosticsOf(nb.cellAt(1)), [], "a const declared again in a later cell, and top-level await, are fine");

    // Control: the built-in TypeScript is running and does report in a plain TypeScript document ...
    const plain = await vscode.workspace.openTextDocument({ language: "typescript", content: "const count = 1;\nconst count = 2;\n" });
    await vscode.window.showTextDocument(plain);
    await waitFor("the built-in TypeScript's diagnostics on a plain document", () => {
      const d = vscode.languages.getDiagnostics(plain.uri).filter((x) => x.source === "ts");
      return d.length ? d : undefined;
    }, 90000);
    // ... but not on the notebook's cells.
    for (const cell of nb.getCells()) {
      assert.deepEqual(diagnosticsOf(cell).filter((d) => d.source !== "aibook-ts" && d.source !== "aibook"), [], `cell ${cell.index}`);
    }
  });

  test("go to definition, rename and semantic tokens work across cells", async () => {
    const nb = await openNotebook("navigation.aibook", ["const totalRows = 120;", "# between", "const half = totalRows / 2;"]);
    const use = nb.cellAt(2).document.uri;
    const locations = await waitFor("a definition in the first cell", async () => {
      const found = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>("vscode.executeDefinitionProvider", use, new vscode.Position(0, 15));
      return found.length ? found : undefined;
    });
    const target = locations[0]!;
    const uri = "uri" in target ? target.uri : target.targetUri;
    const range = "range" in target ? target.range : target.targetSelectionRange ?? target.targetRange;
    assert.equal(uri.toString(), nb.cellAt(0).document.uri.toString());
    assert.deepEqual([range.start.line, range.start.character], [0, 6]);

    const rename = await vscode.commands.executeCommand<vscode.WorkspaceEdit>("vscode.executeDocumentRenameProvider", use, new vscode.Position(0, 15), "rowCount");
    const touched = rename.entries().map(([u, edits]) => [u.toString(), edits.map((e) => e.newText)]);
    assert.deepEqual(touched.sort(), [[nb.cellAt(0).document.uri.toString(), ["rowCount"]], [use.toString(), ["rowCount"]]].sort());

    const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens>("vscode.provideDocumentSemanticTokens", use);
    assert.ok(tokens && tokens.data.length >= 10, "two variables, five numbers each");
  });

  test("a leaking line typed into a cell shows the pitfall with its code and related cell, and its quick fixes apply", async () => {
    const nb = await openNotebook("pitfalls.aibook", [
      "# Pitfalls",
      'import { trainTestSplit, RandomForestClassifier, evaluate } from "aibook";\nconst X = [[1], [2], [3], [4]];\nconst y = [0, 1, 0, 1];',
      "",
      "const model = new RandomForestClassifier().fit(parts.xTrain, parts.yTrain);\nevaluate(model, parts.xTest, parts.yTest);",
    ]);
    const typed = new vscode.WorkspaceEdit();
    typed.insert(nb.cellAt(2).document.uri, new vscode.Position(0, 0), "const parts = trainTestSplit(X, y, { testSize: 0.5, seed: 2 });");
    assert.ok(await vscode.workspace.applyEdit(typed));

    const [split] = await analysed(nb, 2, (d) => codeOf(d) === "unstratified-split");
    assert.equal(split!.source, "aibook");
    assert.equal(split!.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(String((split!.code as { target: vscode.Uri }).target), /dist\/rules\/unstratified-split\.md$/);
    assert.equal(split!.relatedInformation?.[0]?.location.uri.toString(), nb.cellAt(3).document.uri.toString(), "related location: the training cell");

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", nb.cellAt(2).document.uri, split!.range);
    const stratify = actions.find((a) => a.title === "Stratify the split on the labels");
    assert.ok(stratify?.edit, actions.map((a) => a.title).join(", "));
    assert.ok(await vscode.workspace.applyEdit(stratify.edit));
    assert.match(nb.cellAt(2).document.getText(), /\{ stratify: true, testSize: 0\.5/);
    await waitFor("the finding to go away after the fix", () => (diagnosticsOf(nb.cellAt(2)).some((d) => codeOf(d) === "unstratified-split") ? undefined : true));

    const [baseline] = await analysed(nb, 3, (d) => codeOf(d) === "no-baseline");
    const more = await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", nb.cellAt(3).document.uri, baseline!.range);
    const addCell = more.find((a) => a.command?.command === "aibook.applyNotebookFix");
    assert.ok(addCell?.command, more.map((a) => a.title).join(", "));
    await vscode.commands.executeCommand(addCell.command.command, ...(addCell.command.arguments ?? []));
    assert.equal(nb.cellCount, 5);
    assert.match(nb.cellAt(4).document.getText(), /new DummyClassifier\(\)/);
    assert.equal(nb.cellAt(4).document.languageId, "aibook-typescript");
  });
});
