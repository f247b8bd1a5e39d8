/**
 * Markdown for hovers and completion details: the signature as a TypeScript code block, then the
 * TSDoc text and its tags (`@param`, `@example`, ...), as VS Code's own TypeScript hover shows them.
 */
import ts from "typescript";

export function quickInfoMarkdown(info: ts.QuickInfo): string {
  const signature = ts.displayPartsToString(info.displayParts);
  const doc = documentationMarkdown(info.documentation, info.tags);
  return ["```typescript", signature, "```", ...(doc ? ["", doc] : [])].join("\n");
}

export function documentationMarkdown(documentation: ts.SymbolDisplayPart[] | undefined, tags: ts.JSDocTagInfo[] | undefined): string {
  const parts: string[] = [];
  const text = ts.displayPartsToString(documentation);
  if (text) parts.push(text);
  for (const tag of tags ?? []) parts.push(tagMarkdown(tag));
  return parts.join("\n\n");
}

function tagMarkdown(tag: ts.JSDocTagInfo): string {
  const body = ts.displayPartsToString(tag.text);
  if (tag.name === "example") {
    const code = body.trim().startsWith("```") ? body : ["```typescript", body, "```"].join("\n");
    return `*@example*\n${code}`;
  }
  if (tag.name === "param" && tag.text?.length) {
    const [name, ...rest] = tag.text;
    return `*@param* \`${name!.text}\`${rest.length ? " — " + ts.displayPartsToString(rest).trim() : ""}`;
  }
  return `*@${tag.name}*${body ? " — " + body : ""}`;
}
