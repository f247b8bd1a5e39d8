/**
 * The TypeScript transformer that turns one cell (already stripped of types) into a script
 * that shares its top-level names with every other cell:
 *
 *   "use strict";
 *   var a, b, C;                       // each top-level binding becomes a global
 *   function f() {}                    // function declarations stay hoisted, as globals
 *   (async () => { a = 1; ({ b } = o); C = class C {}; return { value: lastExpression }; })()
 *
 * Globals (not a scope object) keep closures of earlier cells and later cells on the same
 * binding, and declaring a name again simply assigns it. The async wrapper gives top-level
 * `await`; static imports become `await __aibook.import(...)` so that the kernel resolves them.
 * Every synthesized node keeps the text range of the code it replaces, so the source map stays
 * exact.
 */
import ts from "typescript";

/** Name of the helper object the kernel installs on globalThis (import, default interop). */
export const HELPER = "__aibook";

export function hoistTopLevel(context: ts.TransformationContext): ts.Transformer<ts.SourceFile> {
  const f = context.factory;

  const helper = (member: string) => f.createPropertyAccessExpression(f.createIdentifier(HELPER), member);
  const importCall = (specifier: ts.Expression) => f.createCallExpression(helper("import"), undefined, [specifier]);

  /** `import("x")` anywhere in the cell goes through the kernel's resolver too. */
  const rewriteDynamicImports = (node: ts.Node): ts.Node => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const args = node.arguments.map((a) => ts.visitNode(a, rewriteDynamicImports) as ts.Expression);
      return ts.setTextRange(importCall(args[0] ?? f.createIdentifier("undefined")), node);
    }
    return ts.visitEachChild(node, rewriteDynamicImports, context);
  };

  return (sourceFile) => {
    const hoisted = new Set<string>();
    const functions: ts.Statement[] = [];
    const body: ts.Statement[] = [];
    let importCount = 0;

    const collectNames = (name: ts.BindingName) => {
      if (ts.isIdentifier(name)) hoisted.add(name.text);
      else for (const element of name.elements) if (!ts.isOmittedExpression(element)) collectNames(element.name);
    };

    const assign = (target: ts.Expression, value: ts.Expression, range: ts.TextRange) => {
      const assignment = f.createAssignment(target, value);
      const expression = ts.isIdentifier(target) ? assignment : f.createParenthesizedExpression(assignment);
      return ts.setTextRange(f.createExpressionStatement(expression), range);
    };

    const convertImport = (node: ts.ImportDeclaration) => {
      const clause = node.importClause;
      if (clause?.isTypeOnly) return;
      const load = f.createAwaitExpression(importCall(node.moduleSpecifier));
      if (!clause) {
        body.push(ts.setTextRange(f.createExpressionStatement(load), node));
        return;
      }
      const temp = f.createIdentifier(`${HELPER}_m${importCount++}`);
      body.push(
        ts.setTextRange(
          f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(temp, undefined, undefined, load)], ts.NodeFlags.Const)),
          node,
        ),
      );
      if (clause.name) {
        hoisted.add(clause.name.text);
        body.push(assign(clause.name, f.createCallExpression(helper("defaultOf"), undefined, [temp]), clause.name));
      }
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) {
        hoisted.add(bindings.name.text);
        body.push(assign(bindings.name, temp, bindings));
      } else if (bindings) {
        for (const element of bindings.elements) {
          if (element.isTypeOnly) continue;
          hoisted.add(element.name.text);
          const imported = element.propertyName ?? element.name;
          const member = ts.isIdentifier(imported)
            ? f.createPropertyAccessExpression(temp, imported.text)
            : f.createElementAccessExpression(temp, f.createStringLiteral(imported.text));
          body.push(assign(element.name, member, element));
        }
      }
    };

    const convertVariables = (node: ts.VariableStatement) => {
      const isVar = (node.declarationList.flags & ts.NodeFlags.BlockScoped) === 0;
      for (const declaration of node.declarationList.declarations) {
        collectNames(declaration.name);
        const value = declaration.initializer ?? (isVar ? undefined : f.createVoidZero());
        if (value) body.push(assign(bindingToTarget(f, declaration.name), value, declaration));
      }
    };

    // Walking every node costs as much as the rest of the transform: only when there may be one.
    const mayImport = /\bimport\s*\(/.test(sourceFile.text);
    const statements = mayImport ? sourceFile.statements.map((s) => ts.visitNode(s, rewriteDynamicImports) as ts.Statement) : sourceFile.statements;
    const lastIndex = findLastIndex(statements, (s) => !ts.isEmptyStatement(s) && !isEmptyExport(s) && s.kind !== ts.SyntaxKind.NotEmittedStatement);

    statements.forEach((statement, index) => {
      if (ts.isImportDeclaration(statement)) convertImport(statement);
      else if (ts.isVariableStatement(statement)) convertVariables(statement);
      else if (ts.isFunctionDeclaration(statement) && statement.name && statement.body) {
        functions.push(f.updateFunctionDeclaration(statement, withoutExport(statement.modifiers), statement.asteriskToken, statement.name, statement.typeParameters, statement.parameters, statement.type, statement.body));
      } else if (ts.isClassDeclaration(statement) && statement.name) {
        hoisted.add(statement.name.text);
        const expression = f.createClassExpression(withoutExport(statement.modifiers), statement.name, statement.typeParameters, statement.heritageClauses, statement.members);
        body.push(assign(statement.name, ts.setTextRange(expression, statement), statement));
      } else if (ts.isExportDeclaration(statement)) {
        // `export { a }` names bindings that are already shared; nothing to run.
      } else if (ts.isExportAssignment(statement)) {
        body.push(lastValue(statement.expression, statement, index === lastIndex));
      } else if (ts.isExpressionStatement(statement) && index === lastIndex) {
        body.push(lastValue(statement.expression, statement, true));
      } else {
        body.push(statement);
      }
    });

    function lastValue(expression: ts.Expression, range: ts.Node, isLast: boolean): ts.Statement {
      if (!isLast) return ts.setTextRange(f.createExpressionStatement(expression), range);
      const wrapped = f.createObjectLiteralExpression([f.createPropertyAssignment("value", expression)]);
      return ts.setTextRange(f.createReturnStatement(wrapped), range);
    }

    const wrapper = f.createCallExpression(
      f.createParenthesizedExpression(
        f.createArrowFunction([f.createModifier(ts.SyntaxKind.AsyncKeyword)], undefined, [], undefined, f.createToken(ts.SyntaxKind.EqualsGreaterThanToken), f.createBlock(body, true)),
      ),
      undefined,
      [],
    );
    const prologue: ts.Statement[] = [f.createExpressionStatement(f.createStringLiteral("use strict"))];
    if (hoisted.size > 0) {
      prologue.push(f.createVariableStatement(undefined, f.createVariableDeclarationList([...hoisted].map((name) => f.createVariableDeclaration(name)))));
    }
    return f.updateSourceFile(sourceFile, [...prologue, ...functions, f.createExpressionStatement(wrapper)]);
  };
}

/** `{ a, b: [c] = d }` as a binding becomes the same shape as an assignment target. */
function bindingToTarget(f: ts.NodeFactory, name: ts.BindingName): ts.Expression {
  if (ts.isIdentifier(name)) return name;
  if (ts.isArrayBindingPattern(name)) {
    return ts.setTextRange(
      f.createArrayLiteralExpression(
        name.elements.map((element) => {
          if (ts.isOmittedExpression(element)) return element;
          const target = bindingToTarget(f, element.name);
          if (element.dotDotDotToken) return f.createSpreadElement(target);
          return element.initializer ? f.createAssignment(target, element.initializer) : target;
        }),
      ),
      name,
    );
  }
  return ts.setTextRange(
    f.createObjectLiteralExpression(
      name.elements.map((element) => {
        if (element.dotDotDotToken) return f.createSpreadAssignment(bindingToTarget(f, element.name));
        if (!element.propertyName && ts.isIdentifier(element.name)) {
          return f.createShorthandPropertyAssignment(element.name, element.initializer);
        }
        const target = bindingToTarget(f, element.name);
        const value = element.initializer ? f.createAssignment(target, element.initializer) : target;
        return f.createPropertyAssignment(element.propertyName ?? (element.name as ts.Identifier), value);
      }),
    ),
    name,
  );
}

function withoutExport(modifiers: ts.NodeArray<ts.ModifierLike> | undefined): ts.ModifierLike[] | undefined {
  return modifiers?.filter((m) => m.kind !== ts.SyntaxKind.ExportKeyword && m.kind !== ts.SyntaxKind.DefaultKeyword);
}

function isEmptyExport(statement: ts.Statement): boolean {
  return ts.isExportDeclaration(statement) && !statement.moduleSpecifier && !!statement.exportClause && ts.isNamedExports(statement.exportClause) && statement.exportClause.elements.length === 0;
}

function findLastIndex<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i])) return i;
  return -1;
}
