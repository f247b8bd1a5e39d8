/**
 * The fast way to compile a cell: parse once, blank TypeScript-only syntax to spaces (as
 * ts-blank-space does) and rewrite top-level declarations in place, so that the script keeps
 * the cell's lines and columns and needs no source map. About ten times cheaper than running
 * TypeScript's emitter. Syntax that needs real code generation (enums, namespaces, parameter
 * properties, decorators, `import =`) returns undefined, and the caller uses the emitter.
 */
import ts from "typescript";
import { DYNAMIC_IMPORT } from "../../protocol/kernel";
import { TextEdits, type ColumnShift } from "./textEdits";


export interface ErasedCell {
  code: string;
  /** Lines of script before the cell's first line. */
  lineOffset: number;
  /** Where edits made a line of the cell longer or shorter (lines of the cell, 0-based). */
  shifts: ColumnShift[];
}

class NeedsEmitter extends Error {}

const TYPE_ONLY_STATEMENTS = new Set([ts.SyntaxKind.InterfaceDeclaration, ts.SyntaxKind.TypeAliasDeclaration]);
const ERASED_MODIFIERS = new Set([
  ts.SyntaxKind.PublicKeyword,
  ts.SyntaxKind.PrivateKeyword,
  ts.SyntaxKind.ProtectedKeyword,
  ts.SyntaxKind.ReadonlyKeyword,
  ts.SyntaxKind.OverrideKeyword,
  ts.SyntaxKind.AbstractKeyword,
  ts.SyntaxKind.ExportKeyword,
  ts.SyntaxKind.DefaultKeyword,
]);

export function eraseTypes(sourceFile: ts.SourceFile): ErasedCell | undefined {
  try {
    return new Eraser(sourceFile).run();
  } catch (error) {
    if (error instanceof NeedsEmitter) return undefined;
    throw error;
  }
}

class Eraser {
  private readonly text: string;
  private readonly edits: TextEdits;
  private readonly hoisted = new Set<string>();
  private readonly functions: string[] = [];
  private importCount = 0;
  /** The top-level statement whose value the cell returns; it gets `) }` instead of `;`. */
  private lastValue: ts.Statement | undefined;

  constructor(private readonly sourceFile: ts.SourceFile) {
    this.text = sourceFile.text;
    this.edits = new TextEdits(this.text);
  }

  run(): ErasedCell {
    const statements = this.sourceFile.statements;
    let lastIndex = statements.length - 1;
    while (lastIndex >= 0 && this.isErasedStatement(statements[lastIndex])) lastIndex--;
    let valueInserted = false;
    const last = statements[lastIndex];
    if (last && (ts.isExpressionStatement(last) || ts.isExportAssignment(last))) this.lastValue = last;
    statements.forEach((statement, index) => {
      this.topLevel(statement);
      if (index === lastIndex) valueInserted = this.returnLastValue(statement, statements[index - 1]);
    });
    const vars = this.hoisted.size > 0 ? ` var ${[...this.hoisted].join(", ")};` : "";
    const globals = this.functions.map((name) => ` globalThis.${name} = ${name};`).join("");
    const opening = valueInserted && lastIndex === 0 ? " return { value: (" : "";
    const prologue = `"use strict";${vars} (async () => {${globals}${opening}\n`;
    const { text, shifts } = this.edits.apply();
    return { code: prologue + text + "\n})()\n", lineOffset: 1, shifts };
  }

  private isErasedStatement(statement: ts.Statement): boolean {
    return (
      TYPE_ONLY_STATEMENTS.has(statement.kind) ||
      hasModifier(statement, ts.SyntaxKind.DeclareKeyword) ||
      ts.isExportDeclaration(statement) ||
      ts.isEmptyStatement(statement) ||
      (ts.isImportDeclaration(statement) && !!statement.importClause?.isTypeOnly) ||
      (ts.isFunctionDeclaration(statement) && !statement.body)
    );
  }

  private topLevel(statement: ts.Statement): void {
    if (this.isErasedStatement(statement)) return this.blankStatement(statement);
    if (ts.isImportDeclaration(statement)) return this.importDeclaration(statement);
    if (ts.isVariableStatement(statement)) return this.variableStatement(statement);
    if (ts.isExportAssignment(statement)) {
      if (statement.isExportEquals) throw new NeedsEmitter();
      this.edits.blank(statement.getStart(this.sourceFile), statement.expression.getStart(this.sourceFile));
      return this.visit(statement.expression);
    }
    if (ts.isFunctionDeclaration(statement) && statement.name) {
      this.blankModifiers(statement);
      this.functions.push(statement.name.text);
      this.hoisted.add(statement.name.text);
      return this.functionLike(statement);
    }
    if (ts.isClassDeclaration(statement) && statement.name) {
      this.classLike(statement);
      this.hoisted.add(statement.name.text);
      this.edits.insert(statement.end, ` globalThis.${statement.name.text} = ${statement.name.text};`);
      return;
    }
    this.visit(statement);
  }

  /** `return { value: (` before the last expression (after the statement before it), `) }` after. */
  private returnLastValue(statement: ts.Statement, previous: ts.Statement | undefined): boolean {
    let expression: ts.Expression;
    if (ts.isExpressionStatement(statement)) expression = statement.expression;
    else if (ts.isExportAssignment(statement)) expression = statement.expression;
    else return false;
    // After the statement before it, which may lack its semicolon.
    if (previous) this.edits.insert(previous.end, "; return { value: (");
    this.edits.insert(expression.end, ") }");
    return true;
  }

  private importDeclaration(node: ts.ImportDeclaration): void {
    const clause = node.importClause;
    const start = node.getStart(this.sourceFile);
    const specifier = node.moduleSpecifier.getText(this.sourceFile);
    const load = `await ${DYNAMIC_IMPORT}(${specifier})`;
    let code: string;
    if (!clause) code = `${load};`;
    else {
      const temp = `__aibook_m${this.importCount++}`;
      const parts = [`const ${temp} = ${load};`];
      if (clause.name) {
        this.hoisted.add(clause.name.text);
        parts.push(`${clause.name.text} = __aibook.defaultOf(${temp});`);
      }
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) {
        this.hoisted.add(bindings.name.text);
        parts.push(`${bindings.name.text} = ${temp};`);
      } else if (bindings) {
        for (const element of bindings.elements) {
          if (element.isTypeOnly) continue;
          this.hoisted.add(element.name.text);
          const imported = element.propertyName ?? element.name;
          parts.push(`${element.name.text} = ${temp}[${JSON.stringify(imported.text)}];`);
        }
      }
      code = parts.join(" ");
    }
    this.edits.replace(start, node.end, code + "\n".repeat(this.edits.lineBreaks(start, node.end)));
  }

  private variableStatement(node: ts.VariableStatement): void {
    const list = node.declarationList;
    const scope = list.flags & ts.NodeFlags.BlockScoped; // 0 var, Let, Const, Using or AwaitUsing
    if (scope === ts.NodeFlags.Using || scope === ts.NodeFlags.AwaitUsing) throw new NeedsEmitter();
    const isVar = scope === 0;
    this.blankModifiers(node);
    const keywordStart = list.getStart(this.sourceFile);
    const keywordLength = isVar || scope === ts.NodeFlags.Let ? 3 : 5;
    list.declarations.forEach((declaration, index) => {
      this.collectNames(declaration.name);
      this.declarationType(declaration);
      const isPattern = !ts.isIdentifier(declaration.name);
      if (index === 0) {
        // `const {a} = o` becomes `;(    {a} = o)`: same columns, and no ASI surprise.
        this.edits.replace(keywordStart, keywordStart + keywordLength, isPattern ? ";(".padEnd(keywordLength) : " ".repeat(keywordLength));
      } else if (isPattern) this.edits.insert(declaration.getStart(this.sourceFile), "(");
      if (declaration.initializer) this.visit(declaration.initializer);
      else if (!isVar) this.edits.insert(declaration.end, " = void 0");
      if (isPattern) {
        this.visitBindingDefaults(declaration.name);
        this.edits.insert(declaration.end, ")");
      }
    });
    this.endStatement(node);
  }

  private collectNames(name: ts.BindingName): void {
    if (ts.isIdentifier(name)) this.hoisted.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) this.collectNames(element.name);
  }

  private visitBindingDefaults(name: ts.BindingName): void {
    if (ts.isIdentifier(name)) return;
    for (const element of name.elements) {
      if (ts.isOmittedExpression(element)) continue;
      if (element.propertyName && ts.isComputedPropertyName(element.propertyName)) this.visit(element.propertyName.expression);
      if (element.initializer) this.visit(element.initializer);
      this.visitBindingDefaults(element.name);
    }
  }

  /** Any node below the top level: erase its types, rewrite `import(...)`. */
  private visit = (node: ts.Node): void => {
    if (ts.isTypeNode(node) && !ts.isExpressionWithTypeArguments(node)) return this.blankNode(node);
    if (ts.isExpressionStatement(node) || ts.isVariableStatement(node) || ts.isReturnStatement(node) || ts.isThrowStatement(node)) this.endStatement(node);
    switch (node.kind) {
      case ts.SyntaxKind.EnumDeclaration:
      case ts.SyntaxKind.ModuleDeclaration:
      case ts.SyntaxKind.ImportEqualsDeclaration:
      case ts.SyntaxKind.Decorator:
      case ts.SyntaxKind.JsxElement:
      case ts.SyntaxKind.JsxSelfClosingElement:
      case ts.SyntaxKind.JsxFragment:
        if (hasModifier(node, ts.SyntaxKind.DeclareKeyword)) return this.blankStatement(node);
        throw new NeedsEmitter();
      case ts.SyntaxKind.InterfaceDeclaration:
      case ts.SyntaxKind.TypeAliasDeclaration:
        return this.blankStatement(node);
      case ts.SyntaxKind.AsExpression:
      case ts.SyntaxKind.SatisfiesExpression: {
        const { expression } = node as ts.AsExpression;
        this.visit(expression);
        return this.edits.blank(expression.end, node.end);
      }
      case ts.SyntaxKind.NonNullExpression:
        this.visit((node as ts.NonNullExpression).expression);
        return this.edits.blank(node.end - 1, node.end);
      case ts.SyntaxKind.TypeAssertionExpression: {
        const { expression } = node as ts.TypeAssertion;
        this.edits.blank(node.getStart(this.sourceFile), expression.getStart(this.sourceFile));
        return this.visit(expression);
      }
      case ts.SyntaxKind.CallExpression: {
        const call = node as ts.CallExpression;
        if (call.expression.kind === ts.SyntaxKind.ImportKeyword) {
          const start = call.expression.getStart(this.sourceFile);
          this.edits.replace(start, start + "import".length, DYNAMIC_IMPORT);
        } else this.visit(call.expression);
        this.typeArguments(call.typeArguments);
        return call.arguments.forEach(this.visit);
      }
      case ts.SyntaxKind.NewExpression:
      case ts.SyntaxKind.ExpressionWithTypeArguments:
      case ts.SyntaxKind.TaggedTemplateExpression: {
        const withArgs = node as ts.NewExpression;
        this.typeArguments(withArgs.typeArguments);
        return ts.forEachChild(node, (child) => (isTypeArgument(child, withArgs.typeArguments) ? undefined : this.visit(child)));
      }
      case ts.SyntaxKind.VariableDeclaration: {
        const declaration = node as ts.VariableDeclaration;
        this.declarationType(declaration);
        ts.forEachChild(declaration.name, this.visit);
        if (declaration.initializer) this.visit(declaration.initializer);
        return;
      }
      case ts.SyntaxKind.FunctionDeclaration:
        if (!(node as ts.FunctionDeclaration).body) return this.blankStatement(node);
        return this.functionLike(node as ts.FunctionDeclaration);
      case ts.SyntaxKind.ClassDeclaration:
      case ts.SyntaxKind.ClassExpression:
        return this.classLike(node as ts.ClassLikeDeclaration);
    }
    if (ts.isFunctionLike(node) && "body" in node) return this.functionLike(node as ts.FunctionLikeDeclaration);
    ts.forEachChild(node, this.visit);
  };

  private functionLike(node: ts.FunctionLikeDeclaration): void {
    if (!node.body) return this.blankNode(node);
    this.blankModifiers(node);
    this.typeParameters(node.typeParameters);
    if (node.name && ts.isComputedPropertyName(node.name)) this.visit(node.name.expression);
    if (node.questionToken) this.blankNode(node.questionToken);
    node.parameters.forEach((parameter, index) => {
      if (parameter.modifiers?.some((m) => m.kind !== ts.SyntaxKind.Decorator ? ERASED_MODIFIERS.has(m.kind) : true)) throw new NeedsEmitter();
      if (ts.isIdentifier(parameter.name) && parameter.name.text === "this") {
        const next = node.parameters[index + 1];
        return this.edits.blank(parameter.getStart(this.sourceFile), next ? next.getStart(this.sourceFile) : parameter.end);
      }
      if (parameter.questionToken) this.blankNode(parameter.questionToken);
      if (parameter.type) this.blankType(parameter.type);
      ts.forEachChild(parameter.name, this.visit);
      if (parameter.initializer) this.visit(parameter.initializer);
    });
    if (node.type) {
      if (ts.isArrowFunction(node) && this.text.slice(node.type.end, node.equalsGreaterThanToken.getStart(this.sourceFile)).includes("\n")) throw new NeedsEmitter();
      if (ts.isArrowFunction(node) && node.parameters.end > 0 && this.text.slice(node.parameters.end, node.type.pos).includes("\n")) throw new NeedsEmitter();
      this.blankType(node.type);
    }
    this.visit(node.body);
  }

  private classLike(node: ts.ClassLikeDeclaration): void {
    this.blankModifiers(node);
    this.typeParameters(node.typeParameters);
    for (const clause of node.heritageClauses ?? []) {
      if (clause.token === ts.SyntaxKind.ImplementsKeyword) this.blankNode(clause);
      else clause.types.forEach(this.visit);
    }
    for (const member of node.members) {
      if (
        ts.isIndexSignatureDeclaration(member) ||
        hasModifier(member, ts.SyntaxKind.DeclareKeyword) ||
        hasModifier(member, ts.SyntaxKind.AbstractKeyword) ||
        ((ts.isMethodDeclaration(member) || ts.isConstructorDeclaration(member)) && !member.body)
      ) {
        this.blankStatement(member); // a lone `;` is a class element too
        continue;
      }
      if (ts.isPropertyDeclaration(member)) {
        this.blankModifiers(member);
        if (ts.isComputedPropertyName(member.name)) this.visit(member.name.expression);
        if (member.questionToken) this.blankNode(member.questionToken);
        if (member.exclamationToken) this.blankNode(member.exclamationToken);
        if (member.type) this.blankType(member.type);
        if (member.initializer) this.visit(member.initializer);
      } else if (ts.isSemicolonClassElement(member)) continue;
      else if (ts.isClassStaticBlockDeclaration(member)) this.visit(member.body);
      else this.visit(member);
    }
  }

  private declarationType(declaration: ts.VariableDeclaration): void {
    if (declaration.exclamationToken) this.blankNode(declaration.exclamationToken);
    if (declaration.type) this.blankType(declaration.type);
  }

  /** A type annotation with the colon before it. */
  private blankType(type: ts.TypeNode): void {
    // The colon token ends right where the type's leading trivia begins.
    if (this.text[type.pos - 1] !== ":") throw new NeedsEmitter();
    this.edits.blank(type.pos - 1, type.end);
  }

  private typeParameters(list: ts.NodeArray<ts.TypeParameterDeclaration> | undefined): void {
    if (list) this.blankAngles(list);
  }

  private typeArguments(list: ts.NodeArray<ts.TypeNode> | undefined): void {
    if (list) this.blankAngles(list);
  }

  private blankAngles(list: ts.NodeArray<ts.Node>): void {
    const open = list.pos - 1;
    const close = this.text.indexOf(">", list.end);
    if (this.text[open] !== "<" || close < 0) throw new NeedsEmitter();
    this.edits.blank(open, close + 1);
  }

  private blankModifiers(node: ts.Node): void {
    for (const modifier of ts.canHaveModifiers(node) ? (ts.getModifiers(node) ?? []) : []) {
      if (ERASED_MODIFIERS.has(modifier.kind)) this.blankNode(modifier);
    }
    if (ts.canHaveDecorators(node) && ts.getDecorators(node)?.length) throw new NeedsEmitter();
  }

  /**
   * A statement that relied on ASI may now be followed by a line starting with `(` or `[` that
   * would continue it (its type, or the whole line after it, is blank): end it explicitly.
   */
  private endStatement(node: ts.Statement): void {
    if (node !== this.lastValue && this.text[node.end - 1] !== ";") this.edits.insert(node.end, ";");
  }

  /** Erases a statement or class member, leaving `;` so the code around it cannot join. */
  private blankStatement(node: ts.Node): void {
    const start = node.getStart(this.sourceFile);
    this.edits.blank(start, node.end);
    this.edits.replace(start, start + 1, ";");
  }

  private blankNode(node: ts.Node): void {
    this.edits.blank(node.getStart(this.sourceFile), node.end);
  }
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((m) => m.kind === kind);
}

function isTypeArgument(child: ts.Node, list: ts.NodeArray<ts.TypeNode> | undefined): boolean {
  return !!list && list.includes(child as ts.TypeNode);
}
