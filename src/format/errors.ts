/**
 * The error every reader of `.aibook` files throws for a file it cannot open. The message is
 * what the person sees (in the editor, in the CLI's output), so it starts with `file:line:column`
 * like a compiler's and then says what is wrong in the words of the format spec.
 */
export class NotebookFormatError extends Error {
  override name = "NotebookFormatError";

  constructor(
    /** The file as the caller named it (a path or a base name). */
    readonly file: string,
    /** 1-based line of the offending text. */
    readonly line: number,
    /** 1-based column (UTF-16 code units, as editors count). */
    readonly column: number,
    /** What is wrong, without the location. */
    readonly problem: string,
  ) {
    super(`${file}:${line}:${column}: ${problem}`);
  }

  /** The same error, naming the file differently (the editor learns the name only after parsing). */
  withFile(file: string): NotebookFormatError {
    return new NotebookFormatError(file, this.line, this.column, this.problem);
  }
}
