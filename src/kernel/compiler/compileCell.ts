/**
 * Compiles one notebook cell (TypeScript or JavaScript) into a script the kernel runs with
 * `vm.runInThisContext`, plus the source map that turns its stack frames back into cell lines.
 * Syntax errors come back as a CellSyntaxError with the 1-based line and column in the cell.
 */
import ts from "typescript";
import { hoistTopLevel } from "./hoist";
import { CellSourceMap } from "./sourceMap";

export interface CompiledCell {
  code: string;
  map: CellSourceMap;
}

export class CellSyntaxError extends Error {
  override name = "SyntaxError";
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

export type CellLanguage = "typescript" | "javascript";

const compilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  // Keep every import as written: an import whose names are only used by later cells is
  // still a binding those cells need.
  verbatimModuleSyntax: true,
  sourceMap: true,
  inlineSources: false,
  useDefineForClassFields: true,
  allowJs: true,
};

const transformers: ts.CustomTransformers = { after: [hoistTopLevel] };

/** Recently compiled cells: running a cell again (Run All, a loop of edits elsewhere) skips the compiler. */
const cache = new Map<string, CompiledCell>();
const CACHE_SIZE = 500;

export function compileCell(source: string, language: CellLanguage = "typescript"): CompiledCell {
  const key = `${language}\0${source}`;
  const cached = cache.get(key);
  if (cached) {
    cache.delete(key); // re-insert: the Map's order is the eviction order
    cache.set(key, cached);
    return cached;
  }
  const compiled = compileUncached(source, language);
  cache.set(key, compiled);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return compiled;
}

function compileUncached(source: string, language: CellLanguage): CompiledCell {
  const output = ts.transpileModule(source, {
    compilerOptions,
    fileName: language === "javascript" ? "cell.js" : "cell.ts",
    reportDiagnostics: true,
    transformers,
  });
  const error = output.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (error) {
    const { line, character } = error.file && error.start !== undefined ? error.file.getLineAndCharacterOfPosition(error.start) : { line: 0, character: 0 };
    throw new CellSyntaxError(ts.flattenDiagnosticMessageText(error.messageText, "\n"), line + 1, character + 1);
  }
  const text = output.outputText;
  const mapComment = text.lastIndexOf("\n//# sourceMappingURL=");
  const code = mapComment >= 0 ? text.slice(0, mapComment + 1) : text;
  return { code, map: CellSourceMap.fromJson(output.sourceMapText ?? '{"mappings":""}', code, source) };
}
