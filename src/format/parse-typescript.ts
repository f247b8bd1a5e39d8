/**
 * TypeScript's parser fails its own assertions on a few inputs ("Debug Failure. False
 * expression.", e.g. `{ x@0 await f(1); }`: a decorator before `await` in a block), where it
 * should report a syntax error. A cell that happens to hold such text must not take down the
 * linter, the language server or the kernel, so every parse of user code goes through here: on
 * such a failure the offending line is found (the first one whose blanking lets the parser
 * through) and reported as a syntax error there, and the rest of the text parses as usual.
 */
import ts from "typescript";

/** The line TypeScript's parser cannot handle (1-based), with the parser's own message. */
export class ParserFailure extends Error {
  constructor(
    readonly line: number,
    readonly detail: string,
  ) {
    super(`TypeScript's parser cannot read line ${line} (an error inside TypeScript: ${detail}). Rewrite that line; a stray "@" before await is one known cause.`);
  }
}

export function isParserFailure(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith("Debug Failure");
}

/**
 * ts.createSourceFile, or, where TypeScript's parser fails, the source file of the text with the
 * offending line blanked (positions unchanged) and that line in `failure`.
 */
export function parseSourceFile(
  fileName: string,
  text: string,
  target: ts.ScriptTarget,
  setParentNodes: boolean,
  kind: ts.ScriptKind,
): { file: ts.SourceFile; failure?: ParserFailure } {
  try {
    return { file: ts.createSourceFile(fileName, text, target, setParentNodes, kind) };
  } catch (error) {
    if (!isParserFailure(error)) throw error;
    const line = failingLine(text, (t) => ts.createSourceFile(fileName, t, target, setParentNodes, kind));
    const file = ts.createSourceFile(fileName, blankLine(text, line), target, setParentNodes, kind);
    return { file, failure: new ParserFailure(line, (error as Error).message) };
  }
}

/** The first line (1-based) whose blanking lets `parse` through; the first line if none does. */
export function failingLine(text: string, parse: (text: string) => unknown): number {
  const count = text.split("\n").length;
  for (let line = 1; line <= count; line++) {
    try {
      parse(blankLine(text, line));
      return line;
    } catch (error) {
      if (!isParserFailure(error)) throw error;
    }
  }
  return 1;
}

/** The text with line `line` (1-based) replaced by spaces, so every position stays where it was. */
export function blankLine(text: string, line: number): string {
  const lines = text.split("\n");
  lines[line - 1] = lines[line - 1].replace(/[^\r]/g, " ");
  return lines.join("\n");
}
