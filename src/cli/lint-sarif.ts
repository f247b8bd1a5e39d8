/**
 * SARIF 2.1.0 for code-scanning tools (GitHub code scanning and the like). A diagnostic's cell
 * position is mapped to the line of the .aibook JSON file that holds that source line, so the
 * scanner's annotation lands on the right line of the file it shows.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { locateJsonPath } from "../format/jsonScan";
import { positionAt } from "../format/position";
import { staticRules } from "../lint";
import { runtimeRules } from "../runtime/checks";
import type { LintedFile, FileDiagnostic } from "./lint";

const level = (s: string) => (s === "error" ? "error" : s === "warning" ? "warning" : "note");

/** The 1-based line of the .aibook file that holds line `line` of cell `cell`'s source. */
export function fileLineOf(text: string, cell: number, line: number): number {
  let offset = locateJsonPath(text, ["cells", cell, "source", line - 1]);
  if (offset < 0) offset = locateJsonPath(text, ["cells", cell, "source"]);
  if (offset < 0) offset = locateJsonPath(text, ["cells", cell]);
  return offset < 0 ? 1 : positionAt(text, offset).line;
}

/** A relative path stays relative to the checkout (what code scanning expects); an absolute one becomes a file URL. */
const uri = (file: string) => (path.isAbsolute(file) ? pathToFileURL(file).href : file.replace(/\\/g, "/").replace(/^\.\//, ""));

export function toSarif(diagnostics: FileDiagnostic[], files: LintedFile[]) {
  const texts = new Map(files.map((f) => [f.file, f.text]));
  const location = (file: string, cell: number, line: number, endLine: number, message?: string) => {
    const text = texts.get(file) ?? "";
    const startLine = fileLineOf(text, cell, line);
    const lastLine = Math.max(startLine, fileLineOf(text, cell, endLine));
    return {
      physicalLocation: { artifactLocation: { uri: uri(file) }, region: { startLine, endLine: lastLine } },
      ...(message ? { message: { text: message } } : {}),
    };
  };
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "aibook",
            informationUri: "https://github.com/aibook/aibook",
            rules: staticRules.map((r) => ({
              id: r.meta.id,
              name: r.meta.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: r.meta.description },
              fullDescription: { text: r.meta.description },
              help: { text: r.meta.docs, markdown: r.meta.docs },
              defaultConfiguration: { level: level(r.meta.severity) },
              properties: { tags: ["machine-learning", "data-leakage"] },
            })).concat(
              // The runtime rules of --execute, found from the data once the notebook ran.
              runtimeRules.map((r) => ({
                id: r.id,
                name: r.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
                shortDescription: { text: r.description },
                fullDescription: { text: r.description },
                help: { text: r.docs, markdown: r.docs },
                defaultConfiguration: { level: level(r.severity) },
                properties: { tags: ["machine-learning", "data-leakage", "runtime"] },
              })),
            ),
          },
        },
        artifacts: files.map((f) => ({ location: { uri: uri(f.file) } })),
        results: diagnostics.map((d) => ({
          ruleId: d.rule,
          ruleIndex: d.source === "runtime" ? staticRules.length + runtimeRules.findIndex((r) => r.id === d.rule) : staticRules.findIndex((r) => r.meta.id === d.rule),
          level: level(d.severity),
          message: { text: `${d.message} (cell ${d.cell + 1}, line ${d.line})` },
          locations: [location(d.file, d.cell, d.line, d.endLine)],
          relatedLocations: d.related.map((r, id) => ({ id, ...location(d.file, r.cell, r.line, r.endLine, r.message) })),
          properties: { cell: d.cell, cellLine: d.line, cellColumn: d.column },
        })),
      },
    ],
  };
}
