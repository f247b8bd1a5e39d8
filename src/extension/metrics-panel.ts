/**
 * "aibook: Show Metrics": a webview panel over the workspace's run history. The extension reads
 * and watches the history files and sends the runs; the webview (webview/main.ts) draws them and
 * asks to open a cell or clear the history. Strict CSP: scripts and styles only with this page's
 * nonce, nothing remote.
 */
import * as vscode from "vscode";
import { randomBytes } from "node:crypto";
import { METRICS_VIEW_TYPE, type FromPanel, type ToPanel } from "../protocol/metrics-panel";
import { RunHistoryFiles } from "./run-history-files";
import type { RunRecord } from "../protocol/run-history";

export class MetricsPanel implements vscode.Disposable {
  private static current: MetricsPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly sent = new vscode.EventEmitter<RunRecord[]>();
  /** Fires after each list of runs reaches the webview (tests wait on it). */
  readonly onDidSendRuns = this.sent.event;
  /** The runs the webview shows now. */
  runs: RunRecord[] = [];

  static show(extensionUri: vscode.Uri, history: RunHistoryFiles): MetricsPanel {
    if (MetricsPanel.current) {
      MetricsPanel.current.panel.reveal();
      return MetricsPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(METRICS_VIEW_TYPE, "aibook Metrics", vscode.ViewColumn.Beside, webviewOptions(extensionUri));
    MetricsPanel.current = new MetricsPanel(panel, extensionUri, history);
    return MetricsPanel.current;
  }

  /** Takes over a panel VS Code restored after a restart (its filter, sort and selection come back with it). */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, history: RunHistoryFiles): MetricsPanel {
    MetricsPanel.current?.dispose();
    panel.webview.options = webviewOptions(extensionUri);
    MetricsPanel.current = new MetricsPanel(panel, extensionUri, history);
    return MetricsPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly history: RunHistoryFiles,
  ) {
    panel.webview.html = panelHtml(panel.webview, extensionUri);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: FromPanel) => void this.onMessage(m)),
      history.onDidChange(() => void this.sendRuns()),
    );
  }

  private async onMessage(message: FromPanel): Promise<void> {
    switch (message.type) {
      case "ready":
      case "refresh":
        return this.sendRuns();
      case "clear": {
        const answer = await vscode.window.showWarningMessage("Clear the run history of this workspace? The history files are emptied.", { modal: true }, "Clear");
        if (answer === "Clear") await this.history.clear();
        return;
      }
      case "openCell":
        return openCell(message.notebook, message.cell, message.cellId);
    }
  }

  private async sendRuns(): Promise<void> {
    const { runs, files } = await this.history.read();
    const message: ToPanel = { type: "runs", runs, files };
    await this.panel.webview.postMessage(message);
    this.runs = runs;
    this.sent.fire(runs);
  }

  static close(): void {
    MetricsPanel.current?.dispose();
  }

  dispose(): void {
    MetricsPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.sent.dispose();
    this.panel.dispose();
  }
}

/** Opens the notebook and selects the cell a run came from (by cell id when the kernel gave one). */
export async function openCell(notebook: string, cell: number, cellId?: string): Promise<void> {
  try {
    const document = await vscode.workspace.openNotebookDocument(vscode.Uri.file(notebook));
    const byId = cellId ? document.getCells().find((c) => c.metadata?.id === cellId || (c.metadata as { aibook?: { id?: string } })?.aibook?.id === cellId) : undefined;
    const index = byId?.index ?? Math.min(cell, Math.max(0, document.cellCount - 1));
    const range = new vscode.NotebookRange(index, index + 1);
    const editor = await vscode.window.showNotebookDocument(document, { selections: [range], preview: false });
    editor.revealRange(range, vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
  } catch (error) {
    void vscode.window.showErrorMessage(`aibook: cannot open cell ${cell + 1} of ${notebook}: ${(error as Error).message}`);
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, "dist", "webview")] };
}

function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString("base64");
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, "dist", "webview", "main.js"));
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
  ].join("; ");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta property="csp-nonce" content="${nonce}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>aibook Metrics</title>
</head>
<body>
<div id="app"></div>
<script type="module" nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}

/** Registers the "aibook: Show Metrics" command; it returns the panel (integration tests read its runs). */
export function registerMetricsPanel(context: vscode.ExtensionContext): vscode.Disposable {
  const history = new RunHistoryFiles();
  return vscode.Disposable.from(
    history,
    vscode.commands.registerCommand("aibook.showMetrics", () => MetricsPanel.show(context.extensionUri, history)),
    vscode.window.registerWebviewPanelSerializer(METRICS_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => void MetricsPanel.revive(panel, context.extensionUri, history),
    }),
    { dispose: () => MetricsPanel.close() },
  );
}
