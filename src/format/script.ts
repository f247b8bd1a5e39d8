/**
 * `aibook export --to ts`: one TypeScript script that runs a notebook's code cells in order.
 * Static imports of every cell move to the top (an import cannot stay inside a function), the
 * cells run in an async `main` so that top-level `await` works in CommonJS and ES module setups
 * alike, and markdown cells become comments. Cells that declare a name again (fine in the
 * kernel, where it replaces the binding) each open a block nested in the one before, so a later
 * declaration shadows the earlier one instead of failing to compile; otherwise the cells stay
 * flat, as a person would write them, with a ";" before a cell that would otherwise continue the
 * statement the cell before ended. A cell's last expression is not printed, as it is in the
 * notebook. Cell text is never re-indented, so template literals keep their content.
 * Not re-exported from index.ts: it loads the TypeScript compiler.
 */
import ts from "typescript";
import type { AibookNotebook } from "./types";
import { parseSourceFile } from "./parse-typescript";

interface CellParts {
  index: number;
  imports: string[];
  body: string;
  names: string[];
}

export function toScript(nb: AibookNotebook, sourceName: string): string {
  const parts: CellParts[] = [];
  nb.cells.forEach((cell, index) => {
    if (cell.kind === "code") parts.push(splitCell(cell.source, index, cell.language === "javascript"));
  });
  const seen = new Set<string>();
  let redeclares = false;
  for (const part of parts) {
    for (const name of part.names) {
      if (seen.has(name)) redeclares = true;
      seen.add(name);
    }
  }
  const imports = [...new Set(parts.flatMap((p) => p.imports))];

  const out: string[] = [
    `// Exported by aibook from ${sourceName}: the notebook's code cells, run in order.`,
    ...(redeclares ? ["// Some cells declare a name again, so each cell is a block inside the one before it."] : []),
    ...imports,
    ...(imports.length ? [""] : []),
    "async function main(): Promise<void> {",
  ];
  let open = 0;
  nb.cells.forEach((cell, index) => {
    if (cell.kind === "markdown") {
      out.push(`// %% [markdown] cell ${index}`, ...cell.source.split("\n").map((line) => (line ? `// ${line}` : "//")));
      return;
    }
    const part = parts.find((p) => p.index === index)!;
    out.push(`// %% cell ${index}`);
    if (redeclares) {
      out.push("{");
      open++;
    }
    if (part.body.trim() !== "") {
      const body = part.body.replace(/^(?:[ \t]*\r?\n)+/, "").replace(/\s+$/, "");
      // In the kernel a cell ends its last statement; flat in one script, a next line starting with
      // ( [ ` + - / or < would continue it (`a\n[1].forEach` is `a[1].forEach`).
      out.push(!redeclares && /^\s*[([`+\-/<]/.test(body) ? ";" + body : body);
    }
    if (redeclares) out.push(";");
  });
  if (open) out.push("}".repeat(open));
  out.push("}", "", "void main();", "");
  return out.join("\n");
}

/** A cell's static imports (moved to the top), the rest of its text, and its top-level names. */
function splitCell(source: string, index: number, javascript: boolean): CellParts {
  const file = parseSourceFile(`cell${index}.${javascript ? "js" : "ts"}`, source, ts.ScriptTarget.ES2022, true, javascript ? ts.ScriptKind.JS : ts.ScriptKind.TS).file;
  const imports: string[] = [];
  const names: string[] = [];
  let body = "";
  let last = 0;
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement)) {
      imports.push(source.slice(statement.getStart(file), statement.end));
      body += source.slice(last, statement.getStart(file));
      last = statement.end;
      continue;
    }
    names.push(...declaredNames(statement));
  }
  body += source.slice(last);
  return { index, imports, body, names };
}

function declaredNames(statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.flatMap((d) => bindingNames(d.name));
  if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && statement.name) {
    return [statement.name.text];
  }
  return [];
}

function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : bindingNames(element.name)));
}
