/**
 * Publishes the runtime pitfall findings of each notebook's kernel (KernelSession "findings")
 * as diagnostics on the cell documents: source "aibook", code = the rule id linked to its docs,
 * and a message that says it was found from the data when the cell ran. The kernel sends the
 * complete current set after each cell, so each update replaces the notebook's diagnostics:
 * re-running a cell clears what no longer holds, and a restart (an empty set) clears them all.
 * Thresholds come from the `aibook.runtimeRules.*` settings and reach the kernel at its start.
 */
import path from "node:path";
import * as vscode from "vscode";
import type { KernelSession, RuntimeFinding } from "../kernel/session";
import type { RuntimeRuleSettings, RuntimeThresholds } from "../runtime/checks/types";
import { runtimeRules } from "../runtime/checks";

/** Said in every runtime diagnostic, so that it is not mistaken for a static one. */
export const RUNTIME_ORIGIN = "found from the data when the cell ran";

const THRESHOLD_KEYS: (keyof RuntimeThresholds)[] = ["alpha", "minEffectSize", "minTestRows", "minClassRows", "maxDuplicateShare", "imbalanceRatio"];

/** The runtime rules' settings as the kernel reads them (thresholds, and rules set "off" in aibook.lint.rules). */
export function runtimeRuleSettings(): RuntimeRuleSettings {
  const config = vscode.workspace.getConfiguration("aibook");
  const thresholds: Partial<RuntimeThresholds> = {};
  for (const key of THRESHOLD_KEYS) {
    const value = config.get<number>(`runtimeRules.${key}`);
    if (typeof value === "number") thresholds[key] = value;
  }
  const severities = config.get<Record<string, string>>("lint.rules") ?? {};
  const off = runtimeRules.map((r) => r.id).filter((id) => severities[id] === "off");
  return { enabled: config.get<boolean>("runtimeRules.enable") !== false, thresholds, off };
}

const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

export class RuntimeDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection("aibook-runtime");
  /** Cell documents that hold runtime diagnostics, per notebook. */
  private readonly published = new Map<string, vscode.Uri[]>();

  constructor(private readonly extensionRoot?: string) {}

  /** Follows one notebook's kernel; returns what stops following it. */
  attach(session: KernelSession, notebook: vscode.NotebookDocument): vscode.Disposable {
    const listener = (findings: RuntimeFinding[]) => this.publish(notebook, findings);
    session.on("findings", listener);
    return new vscode.Disposable(() => {
      session.off("findings", listener);
      this.forget(notebook);
    });
  }

  /** Removes the runtime diagnostics of a notebook's cells. */
  forget(notebook: vscode.NotebookDocument): void {
    for (const uri of this.published.get(notebook.uri.toString()) ?? []) this.collection.delete(uri);
    this.published.delete(notebook.uri.toString());
  }

  dispose(): void {
    this.collection.dispose();
    this.published.clear();
  }

  private publish(notebook: vscode.NotebookDocument, findings: RuntimeFinding[]): void {
    const severities = vscode.workspace.getConfiguration("aibook").get<Record<string, string>>("lint.rules") ?? {};
    const byCell = new Map<string, vscode.Diagnostic[]>();
    const cells = new Map(notebook.getCells().map((c) => [c.document.uri.toString(), c]));
    for (const f of findings) {
      const cell = typeof f.cellId === "string" ? cells.get(f.cellId) : undefined;
      if (!cell || severities[f.rule] === "off") continue;
      const diagnostic = new vscode.Diagnostic(rangeOf(cell.document, f.line, f.column), `${f.message} (${RUNTIME_ORIGIN})`, SEVERITY[severities[f.rule] ?? f.severity] ?? SEVERITY[f.severity]);
      diagnostic.source = "aibook";
      diagnostic.code = this.extensionRoot ? { value: f.rule, target: vscode.Uri.file(path.join(this.extensionRoot, "dist", "rules", `${f.rule}.md`)) } : f.rule;
      diagnostic.relatedInformation = f.related.flatMap((r) => {
        const other = typeof r.cellId === "string" ? cells.get(r.cellId) : undefined;
        return other ? [new vscode.DiagnosticRelatedInformation(new vscode.Location(other.document.uri, rangeOf(other.document, r.line, r.column)), r.message)] : [];
      });
      const key = cell.document.uri.toString();
      byCell.set(key, [...(byCell.get(key) ?? []), diagnostic]);
    }
    this.forget(notebook);
    const uris: vscode.Uri[] = [];
    for (const [key, diagnostics] of byCell) {
      const uri = cells.get(key)!.document.uri;
      this.collection.set(uri, diagnostics);
      uris.push(uri);
    }
    this.published.set(notebook.uri.toString(), uris);
  }
}

/** From the call's position to the end of its line. */
function rangeOf(document: vscode.TextDocument, line: number, column: number): vscode.Range {
  const l = Math.min(Math.max(line - 1, 0), Math.max(document.lineCount - 1, 0));
  const text = document.lineAt(l).text;
  const start = Math.min(Math.max(column - 1, 0), text.length);
  return new vscode.Range(l, start, l, Math.max(text.length, start + 1));
}
