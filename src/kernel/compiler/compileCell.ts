/**
 * Compiles one notebook cell (TypeScript or JavaScript) into a script the kernel runs with
 * `vm.runInThisContext`, plus the map that turns its stack frames back into cell positions.
 * Two ways, same result: erasing types in place (./eraseTypes.ts, fast, the usual case) or
 * TypeScript's emitter with a hoisting transformer (./hoist.ts) for syntax that needs code
 * generation. Syntax errors come back as a CellSyntaxError with the 1-based line and column.
 */
import ts from "typescript";
import { eraseTypes } from "./eraseTypes";
import { hoistTopLevel } from "./hoist";
import { CellSourceMap, LineOffsetMap, type PositionMap } from "./sourceMap";
import { failingLine, isParserFailure, ParserFailure, parseSourceFile } from "../../format/parse-typescript";

export interface CompiledCell {
  code: string;
  map: PositionMap;
  /** Which way it was compiled; "erased" scripts that V8 refuses are compiled again by "emitted". */
  via: "erased" | "emitted";
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

export interface CompileOptions {
  /** Skip the fast way (used when V8 refused what it produced). */
  emitter?: boolean;
}

export function compileCell(source: string, language: CellLanguage = "typescript", options: CompileOptions = {}): CompiledCell {
  const key = `${options.emitter ? "emit" : "fast"}\0${language}\0${source}`;
  const cached = cache.get(key);
  if (cached) {
    cache.delete(key); // re-insert: the Map's order is the eviction order
    cache.set(key, cached);
    return cached;
  }
  const compiled = (!options.emitter && compileErased(source, language)) || compileEmitted(source, language);
  cache.set(key, compiled);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return compiled;
}

function compileErased(source: string, language: CellLanguage): CompiledCell | undefined {
  const kind = language === "javascript" ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const { file: sourceFile, failure } = parseSourceFile(language === "javascript" ? "cell.js" : "cell.ts", source, ts.ScriptTarget.ES2022, false, kind);
  if (failure) throw new CellSyntaxError(failure.message, failure.line, 1);
  // Parse errors live on the source file (TypeScript keeps them there for its program).
  const parseError = (sourceFile as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics?.[0];
  if (parseError) throw syntaxError(parseError);
  const erased = eraseTypes(sourceFile);
  if (!erased) return undefined;
  return { code: erased.code, map: new LineOffsetMap(erased.lineOffset, sourceFile.getLineStarts().length, erased.shifts), via: "erased" };
}

function syntaxError(diagnostic: ts.Diagnostic): CellSyntaxError {
  const { line, character } = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start) : { line: 0, character: 0 };
  return new CellSyntaxError(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"), line + 1, character + 1);
}

function compileEmitted(source: string, language: CellLanguage): CompiledCell {
  const transpile = (text: string) =>
    ts.transpileModule(text, { compilerOptions, fileName: language === "javascript" ? "cell.js" : "cell.ts", reportDiagnostics: true, transformers });
  let output: ts.TranspileOutput;
  try {
    output = transpile(source);
  } catch (error) {
    if (!isParserFailure(error)) throw error;
    const line = failingLine(source, transpile);
    throw new CellSyntaxError(new ParserFailure(line, (error as Error).message).message, line, 1);
  }
  const error = output.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (error) throw syntaxError(error);
  const text = output.outputText;
  const mapComment = text.lastIndexOf("\n//# sourceMappingURL=");
  const code = mapComment >= 0 ? text.slice(0, mapComment + 1) : text;
  return { code, map: CellSourceMap.fromJson(output.sourceMapText ?? '{"mappings":""}', code, source), via: "emitted" };
}
