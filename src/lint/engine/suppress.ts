/**
 * ESLint-style comments that silence a finding: `// aibook-disable-next-line RULE[, RULE]` on the
 * line above, or `// aibook-disable-line RULE` at the end of the line. Without rule ids every rule
 * is silenced on that line ("*").
 */
const nextLine = /\/\/\s*aibook-disable-next-line\b(.*)$/;
const sameLine = /\/\/\s*aibook-disable-line\b(.*)$/;

function ids(rest: string): string[] {
  const list = rest.replace(/--.*$/, "").split(/[\s,]+/).filter(Boolean);
  return list.length ? list : ["*"];
}

/** The rule ids silenced on a 1-based line of a cell's text. */
export function suppressedRules(source: string, line: number): string[] {
  const lines = source.split(/\r\n|\r|\n/);
  const out: string[] = [];
  const here = sameLine.exec(lines[line - 1] ?? "");
  if (here) out.push(...ids(here[1]!));
  const above = nextLine.exec(lines[line - 2] ?? "");
  if (above) out.push(...ids(above[1]!));
  return out;
}
