/**
 * A small JSON scanner that knows where things are. `JSON.parse` is fast but says little about
 * positions, so the reader parses with it and, only when something is wrong, scans the text again
 * here: to find the first syntax error with a plain-words problem, or the offset of the value at
 * a path (`["cells", 1, "kind"]`) whose type is wrong.
 */

export type JsonPath = (string | number)[];

/** A syntax error: where it is and what is wrong. */
export interface JsonSyntaxProblem {
  offset: number;
  problem: string;
}

class ScanStop {
  constructor(readonly problem: JsonSyntaxProblem) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class Scanner {
  pos = 0;
  found = -1;

  constructor(
    private readonly text: string,
    private readonly target: JsonPath,
  ) {}

  fail(problem: string, offset = this.pos): never {
    throw new ScanStop({ offset, problem });
  }

  document(): void {
    this.space();
    this.value(0, true);
    this.space();
    if (this.pos < this.text.length) {
      this.fail(`unexpected ${this.describe()} after the end of the JSON document`);
    }
  }

  private describe(): string {
    if (this.pos >= this.text.length) return "end of file";
    return JSON.stringify(this.text[this.pos]);
  }

  private space(): void {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 10 || c === 13 || c === 9) this.pos++;
      else return;
    }
  }

  private value(depth: number, onPath: boolean): void {
    if (onPath && depth === this.target.length) this.found = this.pos;
    const c = this.text[this.pos];
    if (c === "{") return this.object(depth, onPath);
    if (c === "[") return this.array(depth, onPath);
    if (c === '"') return void this.string();
    if (c === "t") return this.literal("true");
    if (c === "f") return this.literal("false");
    if (c === "n") return this.literal("null");
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.number();
    if (c === undefined) this.fail("unexpected end of file: the JSON is cut off (expected a value)");
    this.fail(`unexpected ${this.describe()} where a value should be`);
  }

  private literal(word: string): void {
    if (this.text.startsWith(word, this.pos)) this.pos += word.length;
    else if (word.startsWith(this.text.slice(this.pos))) this.fail("unexpected end of file: the JSON is cut off");
    else this.fail(`unexpected ${this.describe()} where a value should be`);
  }

  private number(): void {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m || m[0] === "-") this.fail("invalid number");
    this.pos += m[0].length;
  }

  /** Skips a string and returns its raw text (quotes included). */
  private string(): string {
    const t = this.text;
    const start = this.pos;
    this.pos++;
    for (;;) {
      if (this.pos >= t.length) this.fail("unexpected end of file inside a string (missing closing quote)", start);
      const c = t.charCodeAt(this.pos);
      if (c === 34) {
        this.pos++;
        return t.slice(start, this.pos);
      }
      if (c === 92) {
        const e = t[this.pos + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(t.slice(this.pos + 2, this.pos + 6))) this.fail("invalid \\u escape in a string");
          this.pos += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          this.pos += 2;
        } else if (e === undefined) {
          this.fail("unexpected end of file inside a string (missing closing quote)", start);
        } else {
          this.fail(`invalid escape \\${e} in a string`);
        }
      } else if (c < 32) {
        this.fail(c === 10 || c === 13 ? "a string runs past the end of its line (missing closing quote?)" : "a control character in a string must be escaped");
      } else {
        this.pos++;
      }
    }
  }

  private object(depth: number, onPath: boolean): void {
    this.pos++;
    this.space();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return;
    }
    for (;;) {
      if (this.text[this.pos] !== '"') {
        if (this.pos >= this.text.length) this.fail("unexpected end of file: the JSON is cut off (an object is not closed)");
        this.fail(`expected a property name in double quotes, found ${this.describe()}`);
      }
      const key = JSON.parse(this.string()) as string;
      this.space();
      if (this.text[this.pos] !== ":") this.fail(`expected ":" after the property name ${JSON.stringify(key)}, found ${this.describe()}`);
      this.pos++;
      this.space();
      this.value(depth + 1, onPath && this.target[depth] === key);
      this.space();
      const c = this.text[this.pos];
      if (c === ",") {
        const comma = this.pos;
        this.pos++;
        this.space();
        if (this.text[this.pos] === "}") this.fail("a comma after the last property of an object (JSON allows none); remove it", comma);
      } else if (c === "}") {
        this.pos++;
        return;
      } else if (c === undefined) {
        this.fail("unexpected end of file: the JSON is cut off (an object is not closed)");
      } else {
        this.fail(`expected "," or "}" after a property value, found ${this.describe()}`);
      }
    }
  }

  private array(depth: number, onPath: boolean): void {
    this.pos++;
    this.space();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return;
    }
    for (let index = 0; ; index++) {
      this.value(depth + 1, onPath && this.target[depth] === index);
      this.space();
      const c = this.text[this.pos];
      if (c === ",") {
        const comma = this.pos;
        this.pos++;
        this.space();
        if (this.text[this.pos] === "]") this.fail("a comma after the last element of an array (JSON allows none); remove it", comma);
      } else if (c === "]") {
        this.pos++;
        return;
      } else if (c === undefined) {
        this.fail("unexpected end of file: the JSON is cut off (an array is not closed)");
      } else {
        this.fail(`expected "," or "]" after an array element, found ${this.describe()}`);
      }
    }
  }
}

/** The first syntax error in `text`, or undefined when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxProblem | undefined {
  try {
    new Scanner(text, []).document();
    return undefined;
  } catch (e) {
    if (e instanceof ScanStop) return e.problem;
    if (e instanceof RangeError) return undefined; // nested deeper than the stack: no position
    throw e;
  }
}

/**
 * Offset where the value at `path` starts (the last one, if a key repeats, as JSON.parse keeps
 * the last), or -1. Used only for error messages, so a very deep document that overflows the
 * stack gives -1 instead of an exception.
 */
export function locateJsonPath(text: string, path: JsonPath): number {
  const scanner = new Scanner(text, path);
  try {
    scanner.document();
  } catch (e) {
    if (!(e instanceof ScanStop) && !(e instanceof RangeError)) throw e;
  }
  return scanner.found;
}

/** A key that appears twice in one object: JSON.parse keeps the last value and drops the first. */
export interface DuplicateKey {
  key: string;
  /** Offsets of the first and the second occurrence of the key (its opening quote). */
  firstOffset: number;
  offset: number;
  /** Path of the object that holds the key twice. */
  path: JsonPath;
}

interface Frame {
  /** Keys seen so far with their offsets; undefined for an array. */
  keys?: Map<string, number>;
  /** An object expects a key next (after "{" or ","). */
  expectKey: boolean;
  /** The key or index of the value being read in this container. */
  at: string | number;
}

/**
 * The first key that appears twice in one object of `text`, which must be valid JSON (run it
 * after JSON.parse). Iterative, so very deep documents do not overflow the stack, and strings are
 * skipped with indexOf, so megabytes of base64 cost little.
 */
export function findDuplicateKey(text: string): DuplicateKey | undefined {
  const stack: Frame[] = [];
  let pos = 0;
  const n = text.length;
  while (pos < n) {
    const c = text.charCodeAt(pos);
    if (c === 34) {
      const end = stringEnd(text, pos);
      const top = stack[stack.length - 1];
      if (top?.keys && top.expectKey) {
        const raw = text.slice(pos, end);
        const key = raw.includes("\\") ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        const first = top.keys.get(key);
        if (first !== undefined) {
          return { key, firstOffset: first, offset: pos, path: stack.slice(0, -1).map((f) => f.at) };
        }
        top.keys.set(key, pos);
        top.at = key;
        top.expectKey = false;
      }
      pos = end;
      continue;
    }
    if (c === 123) stack.push({ keys: new Map(), expectKey: true, at: "" });
    else if (c === 91) stack.push({ expectKey: false, at: 0 });
    else if (c === 125 || c === 93) stack.pop();
    else if (c === 44) {
      const top = stack[stack.length - 1];
      if (top?.keys) top.expectKey = true;
      else if (top) top.at = (top.at as number) + 1;
    }
    pos++;
  }
  return undefined;
}

/** Offset just past the closing quote of the string that opens at `start`. */
function stringEnd(text: string, start: number): number {
  let pos = start + 1;
  for (;;) {
    const quote = text.indexOf('"', pos);
    if (quote < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    pos = quote + 1;
  }
}
