/**
 * TypeScript answers (in cell offsets) turned into LSP shapes (in cell lines and characters).
 */
import ts from "typescript";
import {
  CompletionItemKind,
  DiagnosticSeverity,
  MarkupKind,
  type Range,
  type SignatureHelp,
  type SignatureInformation,
} from "vscode-languageserver/node";
import type { CellSpan } from "../languageservice/notebook-language-service";
import type { LineMap } from "../languageservice/line-map";
import { documentationMarkdown } from "../languageservice/markdown";

export function rangeIn(lines: LineMap, start: number, end: number): Range {
  return { start: lines.positionAt(start), end: lines.positionAt(end) };
}

export function cellRange(lines: LineMap, span: CellSpan): Range {
  return rangeIn(lines, span.start, span.end);
}

export function severityOf(category: "error" | "warning" | "suggestion" | "message" | "information"): DiagnosticSeverity {
  switch (category) {
    case "error":
      return DiagnosticSeverity.Error;
    case "warning":
      return DiagnosticSeverity.Warning;
    case "suggestion":
      return DiagnosticSeverity.Hint;
    default:
      return DiagnosticSeverity.Information;
  }
}

const kinds: Record<string, CompletionItemKind> = {
  [ts.ScriptElementKind.primitiveType]: CompletionItemKind.Keyword,
  [ts.ScriptElementKind.keyword]: CompletionItemKind.Keyword,
  [ts.ScriptElementKind.constElement]: CompletionItemKind.Constant,
  [ts.ScriptElementKind.letElement]: CompletionItemKind.Variable,
  [ts.ScriptElementKind.variableElement]: CompletionItemKind.Variable,
  [ts.ScriptElementKind.localVariableElement]: CompletionItemKind.Variable,
  [ts.ScriptElementKind.alias]: CompletionItemKind.Variable,
  [ts.ScriptElementKind.parameterElement]: CompletionItemKind.Variable,
  [ts.ScriptElementKind.memberVariableElement]: CompletionItemKind.Field,
  [ts.ScriptElementKind.memberGetAccessorElement]: CompletionItemKind.Property,
  [ts.ScriptElementKind.memberSetAccessorElement]: CompletionItemKind.Property,
  [ts.ScriptElementKind.functionElement]: CompletionItemKind.Function,
  [ts.ScriptElementKind.localFunctionElement]: CompletionItemKind.Function,
  [ts.ScriptElementKind.memberFunctionElement]: CompletionItemKind.Method,
  [ts.ScriptElementKind.constructSignatureElement]: CompletionItemKind.Constructor,
  [ts.ScriptElementKind.constructorImplementationElement]: CompletionItemKind.Constructor,
  [ts.ScriptElementKind.classElement]: CompletionItemKind.Class,
  [ts.ScriptElementKind.localClassElement]: CompletionItemKind.Class,
  [ts.ScriptElementKind.interfaceElement]: CompletionItemKind.Interface,
  [ts.ScriptElementKind.typeElement]: CompletionItemKind.Class,
  [ts.ScriptElementKind.typeParameterElement]: CompletionItemKind.TypeParameter,
  [ts.ScriptElementKind.enumElement]: CompletionItemKind.Enum,
  [ts.ScriptElementKind.enumMemberElement]: CompletionItemKind.EnumMember,
  [ts.ScriptElementKind.moduleElement]: CompletionItemKind.Module,
  [ts.ScriptElementKind.externalModuleName]: CompletionItemKind.Module,
  [ts.ScriptElementKind.directory]: CompletionItemKind.Folder,
  [ts.ScriptElementKind.scriptElement]: CompletionItemKind.File,
  [ts.ScriptElementKind.string]: CompletionItemKind.Constant,
};

export function completionKindOf(kind: string): CompletionItemKind {
  return kinds[kind] ?? CompletionItemKind.Property;
}

/** TypeScript's signature help items as LSP's, with each parameter's TSDoc. */
export function signatureHelpOf(items: ts.SignatureHelpItems): SignatureHelp {
  const signatures: SignatureInformation[] = items.items.map((item) => {
    const separator = ts.displayPartsToString(item.separatorDisplayParts);
    const parameters = item.parameters.map((p) => ({
      label: ts.displayPartsToString(p.displayParts),
      documentation: p.documentation.length ? { kind: MarkupKind.Markdown, value: ts.displayPartsToString(p.documentation) } : undefined,
    }));
    const label = ts.displayPartsToString(item.prefixDisplayParts) + parameters.map((p) => p.label).join(separator) + ts.displayPartsToString(item.suffixDisplayParts);
    const doc = documentationMarkdown(item.documentation, item.tags.filter((t) => t.name !== "param"));
    return { label, parameters, documentation: doc ? { kind: MarkupKind.Markdown, value: doc } : undefined };
  });
  return { signatures, activeSignature: items.selectedItemIndex, activeParameter: items.argumentIndex };
}
