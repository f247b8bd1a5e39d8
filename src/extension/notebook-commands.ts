/**
 * Palette commands that start work: a new notebook with the first cells a careful analysis
 * needs, and the walkthrough. Wiring only.
 */
import * as vscode from "vscode";
import { NOTEBOOK_TYPE, editorLanguageOf } from "./serializer";

/** The cells of a new notebook: load and look first, then a stratified split, then a baseline. */
export const starterCells: { kind: "markdown" | "code"; source: string }[] = [
  { kind: "markdown", source: "# New analysis\n\nLoad the data and look at it before modelling." },
  {
    kind: "code",
    source: 'import { readCsv, profile } from "aibook";\n\nconst df = await readCsv("data.csv");\nprofile(df);',
  },
  {
    kind: "code",
    source:
      'import { trainTestSplit, DummyClassifier, evaluate } from "aibook";\n\n' +
      'const X = df.drop({ columns: ["label"] });\nconst y = df["label"];\n' +
      "const { xTrain, xTest, yTrain, yTest } = trainTestSplit(X, y, { testSize: 0.25, stratify: true, seed: 42 });\n" +
      'evaluate(new DummyClassifier().fit(xTrain, yTrain), xTest, yTest, { name: "baseline" });',
  },
];

export function registerNotebookCommands(): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand("aibook.newNotebook", async () => {
      const cells = starterCells.map((c) =>
        c.kind === "markdown"
          ? new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, c.source, "markdown")
          : new vscode.NotebookCellData(vscode.NotebookCellKind.Code, c.source, editorLanguageOf("typescript")),
      );
      const doc = await vscode.workspace.openNotebookDocument(NOTEBOOK_TYPE, new vscode.NotebookData(cells));
      await vscode.window.showNotebookDocument(doc);
    }),
    vscode.commands.registerCommand("aibook.openWalkthrough", () =>
      vscode.commands.executeCommand("workbench.action.openWalkthrough", "aibook.aibook#aibook.gettingStarted", false),
    ),
  );
}
