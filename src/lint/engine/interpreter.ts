/**
 * Runs the notebook's code cells, in order, over abstract values instead of real ones, and records
 * what happened to rows: where they came from, how they were split, what was fitted on them and
 * what was measured on them (the facts the rules read). It never runs user code. Branches and
 * loops are joined (a loop body runs twice so that values from one iteration reach the next);
 * user functions and callbacks are followed into, a few calls deep.
 */
import ts from "typescript";
import { libraryOf } from "./knowledge";
import { callLibrary, callMethod, getProperty, elementOf, arithmetic, compareScores, handMetric, type Runtime } from "./semantics/index";
import { uniqueAtoms, type SplitFact } from "./rows";
import {
  join,
  lookup,
  taintsOf,
  assign,
  unknown,
  type ClassObj,
  type DataObj,
  type Env,
  type Facts,
  type FnObj,
  type Obj,
  type Value,
} from "./values";
import { aibookFunctions } from "./knowledge";
import { ANY_KEY, BOOLEAN_FLAG } from "./values";

const globals = new Set(["Math", "JSON", "Number", "String", "Array", "Object", "console", "Promise", "Boolean", "Date", "Map"]);
const MAX_CALL_DEPTH = 4;

export class Interpreter implements Runtime {
  readonly facts: Facts = { fits: [], predictions: [], steps: [], evals: [], splits: [], compares: [], models: [], internalErrors: [] };
  private counter = 0;
  private weak = 0;
  private callStack: ts.Node[] = [];
  private returns: Value[][] = [];
  /** The outermost user call of the statement being run, so facts inside helpers point at the call site. */
  private site: ts.Node | undefined;
  /** Scores measured by the conditions of the `if`s being run (innermost last). */
  private counted: Value[] = [];
  private readonly global: Env = { vars: new Map() };
  readonly sliceSplits = new Map<ts.Node, SplitFact>();

  next(): number {
    return ++this.counter;
  }

  /** Where a fact made at `node` is shown: the helper's call site when inside a helper. */
  anchor(node: ts.Node): ts.Node {
    return this.site ?? node;
  }

  run(files: readonly ts.SourceFile[]): Facts {
    for (const file of files) {
      for (const s of file.statements)
        if (ts.isFunctionDeclaration(s) && s.name) this.global.vars.set(s.name.text, [{ t: "fn", node: s, env: this.global }]);
      for (const s of file.statements) {
        try {
          this.statement(s, this.global);
        } catch (error) {
          // One statement the analysis trips on must not cost the rest of the notebook its findings.
          this.facts.internalErrors.push(`${file.fileName}:${file.getLineAndCharacterOfPosition(s.getStart(file)).line + 1}: ${(error as Error).stack ?? error}`);
          this.weak = 0;
          this.callStack = [];
          this.returns = [];
          this.counted = [];
          this.site = undefined;
        }
      }
    }
    return this.facts;
  }

  // ---- statements ----

  private block(statements: readonly ts.Statement[], env: Env, scope = true): void {
    const here = scope ? { vars: new Map(), parent: env } : env;
    for (const s of statements)
      if (ts.isFunctionDeclaration(s) && s.name) here.vars.set(s.name.text, [{ t: "fn", node: s, env: here }]);
    for (const s of statements) this.statement(s, here);
  }

  private statement(s: ts.Statement, env: Env): void {
    if (ts.isImportDeclaration(s)) return this.importDecl(s, env);
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        const value = d.initializer ? this.expr(d.initializer, env) : unknown;
        this.bind(d.name, value, env, true);
      }
      return;
    }
    if (ts.isExpressionStatement(s)) {
      this.expr(s.expression, env);
      return;
    }
    if (ts.isIfStatement(s)) {
      const condition = this.expr(s.expression, env);
      // if (said[i] === truth[i]) hits++: the counter counts a comparison of predictions with labels, so it is that score.
      this.counted.push(condition.filter((o) => o.t === "score"));
      try {
        this.weakly(() => this.statement(s.thenStatement, env));
      } finally {
        this.counted.pop();
      }
      if (s.elseStatement) this.weakly(() => this.statement(s.elseStatement!, env));
      return;
    }
    if (ts.isBlock(s)) return this.block(s.statements, env);
    if (ts.isForOfStatement(s) || ts.isForInStatement(s)) {
      const iterable = this.expr(s.expression, env);
      const listed = ts.isForOfStatement(s) ? listedElements(iterable) : undefined;
      if (listed) {
        // for (const [name, X, y] of [["train", xTrain, yTrain], ["test", xTest, yTest]]): each element on its own,
        // so train rows and test rows are not one joined value.
        this.weakly(() => {
          for (const element of listed) {
            const inner: Env = { vars: new Map(), parent: env };
            const init = s.initializer;
            if (ts.isVariableDeclarationList(init)) for (const d of init.declarations) this.bind(d.name, element, inner, true);
            else this.assignTo(init, element, inner);
            this.statement(s.statement, inner);
          }
        });
        return;
      }
      const element = ts.isForOfStatement(s) ? this.iterate(iterable) : unknown;
      this.loop(env, (inner) => {
        const init = s.initializer;
        if (ts.isVariableDeclarationList(init)) for (const d of init.declarations) this.bind(d.name, element, inner, true);
        else this.assignTo(init, element, inner);
        this.statement(s.statement, inner);
      });
      return;
    }
    if (ts.isForStatement(s)) {
      const inner: Env = { vars: new Map(), parent: env };
      if (s.initializer) {
        if (ts.isVariableDeclarationList(s.initializer))
          for (const d of s.initializer.declarations) this.bind(d.name, d.initializer ? this.expr(d.initializer, inner) : unknown, inner, true);
        else this.expr(s.initializer, inner);
      }
      this.loop(inner, (body) => {
        if (s.condition) this.expr(s.condition, body);
        this.statement(s.statement, body);
        if (s.incrementor) this.expr(s.incrementor, body);
      });
      return;
    }
    if (ts.isWhileStatement(s) || ts.isDoStatement(s)) {
      this.loop(env, (inner) => {
        this.expr(s.expression, inner);
        this.statement(s.statement, inner);
      });
      return;
    }
    if (ts.isReturnStatement(s)) {
      const value = s.expression ? this.expr(s.expression, env) : unknown;
      this.returns[this.returns.length - 1]?.push(value);
      return;
    }
    if (ts.isTryStatement(s)) {
      this.block(s.tryBlock.statements, env);
      if (s.catchClause) this.weakly(() => this.block(s.catchClause!.block.statements, env));
      if (s.finallyBlock) this.block(s.finallyBlock.statements, env);
      return;
    }
    if (ts.isSwitchStatement(s)) {
      this.expr(s.expression, env);
      this.weakly(() => {
        for (const clause of s.caseBlock.clauses) this.block(clause.statements, env);
      });
      return;
    }
    if (ts.isLabeledStatement(s)) return this.statement(s.statement, env);
    if (ts.isClassDeclaration(s)) {
      if (s.name) env.vars.set(s.name.text, [{ t: "class", node: s, env }]);
      return;
    }
    if (ts.isThrowStatement(s)) {
      this.expr(s.expression, env);
      return;
    }
    // Function declarations are hoisted in block(); types and the rest carry no rows.
  }

  weakly(run: () => void): void {
    this.weak++;
    try {
      run();
    } finally {
      this.weak--;
    }
  }

  /** A loop body twice, weakly: values one iteration leaves reach the next one. */
  private loop(env: Env, body: (inner: Env) => void): void {
    this.weakly(() => {
      for (let pass = 0; pass < 2; pass++) body({ vars: new Map(), parent: env });
    });
  }

  private importDecl(s: ts.ImportDeclaration, env: Env): void {
    if (!ts.isStringLiteral(s.moduleSpecifier) || !s.importClause) return;
    const lib = libraryOf(s.moduleSpecifier.text);
    const clause = s.importClause;
    if (clause.name) env.vars.set(clause.name.text, [{ t: "lib", path: `${lib}/default` }]);
    const bindings = clause.namedBindings;
    if (!bindings) return;
    if (ts.isNamespaceImport(bindings)) env.vars.set(bindings.name.text, [{ t: "lib", path: lib }]);
    else
      for (const el of bindings.elements)
        env.vars.set(el.name.text, [{ t: "lib", path: `${lib}/${(el.propertyName ?? el.name).text}` }]);
  }

  /** Bind a declaration name or a destructuring pattern. */
  bind(name: ts.BindingName, value: Value, env: Env, declare: boolean): void {
    if (ts.isIdentifier(name)) {
      if (declare) env.vars.set(name.text, value);
      else this.set(env, name.text, value);
      return;
    }
    if (ts.isObjectBindingPattern(name)) {
      for (const el of name.elements) {
        const key = el.propertyName
          ? ts.isIdentifier(el.propertyName) || ts.isStringLiteral(el.propertyName)
            ? el.propertyName.text
            : undefined
          : ts.isIdentifier(el.name)
            ? el.name.text
            : undefined;
        let v = key === undefined || el.dotDotDotToken ? value : getProperty(this, value, key);
        if (el.initializer) v = join(v, this.expr(el.initializer, env));
        this.bind(el.name, v, env, declare);
      }
      return;
    }
    name.elements.forEach((el, i) => {
      if (ts.isOmittedExpression(el)) return;
      let v = el.dotDotDotToken ? value : elementOf(this, value, [{ t: "num", sym: null, k: i }]);
      if (el.initializer) v = join(v, this.expr(el.initializer, env));
      this.bind(el.name, v, env, declare);
    });
  }

  private set(env: Env, name: string, value: Value): void {
    const old = lookup(env, name);
    assign(env, name, this.weak > 0 && old ? join(old, value) : value);
  }

  /** Assignment to an expression target (`x = `, `[a, b] = `, `o.p = `). */
  private assignTo(target: ts.Expression, value: Value, env: Env): void {
    if (ts.isIdentifier(target)) return this.set(env, target.text, value);
    if (ts.isParenthesizedExpression(target)) return this.assignTo(target.expression, value, env);
    if (ts.isArrayLiteralExpression(target)) {
      target.elements.forEach((el, i) => {
        if (!ts.isOmittedExpression(el)) this.assignTo(el, elementOf(this, value, [{ t: "num", sym: null, k: i }]), env);
      });
      return;
    }
    if (ts.isObjectLiteralExpression(target)) {
      for (const p of target.properties)
        if (ts.isShorthandPropertyAssignment(p)) this.set(env, p.name.text, getProperty(this, value, p.name.text));
        else if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) this.assignTo(p.initializer, getProperty(this, value, p.name.text), env);
      return;
    }
    if (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) {
      const holder = this.expr(target.expression, env);
      const key = ts.isPropertyAccessExpression(target)
        ? target.name.text
        : ts.isStringLiteral(target.argumentExpression)
          ? target.argumentExpression.text
          : undefined;
      for (const o of holder) {
        // rows[i] = rows[j]: rows reordered in place (a hand-written shuffle).
        if (o.t === "data" && !o.elem && value.some((x) => x.t === "data" && x.atoms.some((a) => o.atoms.some((b) => a.key === b.key))))
          o.shuffled = true;
        // df["age"] = df["age"].fillNa(mean): the frame now holds what the statistic made.
        if (o.t === "data" && !o.elem) for (const step of taintsOf(value)) o.taints.add(step);
        if (o.t === "rec" && key !== undefined) o.props.set(key, this.weak > 0 ? join(o.props.get(key) ?? unknown, value) : value);
        // table[category] = value: a lookup table, whatever the key (a per-category statistic is still one).
        else if (o.t === "rec" && ts.isElementAccessExpression(target)) o.props.set(ANY_KEY, join(o.props.get(ANY_KEY) ?? unknown, value));
        else if (o.t === "arr") o.elem = join(o.elem, value);
      }
    }
  }

  /** Element of an iterable value. */
  iterate(value: Value): Value {
    return elementOf(this, value, [{ t: "num", sym: `#${this.next()}`, k: 0 }]);
  }

  // ---- expressions ----

  expr(e: ts.Expression, env: Env): Value {
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e) || ts.isTypeAssertionExpression(e) || ts.isAwaitExpression(e))
      return this.expr(e.expression, env);
    if (ts.isIdentifier(e)) return this.identifier(e.text, env);
    if (e.kind === ts.SyntaxKind.ThisKeyword) return lookup(env, "this") ?? unknown;
    if (e.kind === ts.SyntaxKind.SuperKeyword) return lookup(env, "super") ?? unknown;
    if (ts.isClassExpression(e)) return [{ t: "class", node: e, env }];
    if (ts.isNumericLiteral(e)) return [{ t: "num", sym: null, k: Number(e.text) }];
    if (ts.isStringLiteralLike(e)) return [{ t: "str", v: e.text }];
    if (ts.isTemplateExpression(e)) {
      // Kept as text with numbers (and symbolic numbers) spelled in, for row ranges like `0:${cut}`.
      let text = e.head.text;
      for (const span of e.templateSpans) {
        const v = this.expr(span.expression, env);
        const n = v.length === 1 && v[0]!.t === "num" ? v[0] : undefined;
        text += (n ? (n.sym === null ? String(n.k) : `\u0001${n.sym}\u0002${n.k}\u0003`) : "\u0004") + span.literal.text;
      }
      return [{ t: "str", v: text }];
    }
    if (ts.isPostfixUnaryExpression(e) || (ts.isPrefixUnaryExpression(e) && (e.operator === ts.SyntaxKind.PlusPlusToken || e.operator === ts.SyntaxKind.MinusMinusToken))) {
      const old = this.expr(e.operand, env);
      const counted = this.counted[this.counted.length - 1] ?? [];
      if (counted.length && ts.isIdentifier(e.operand)) this.set(env, e.operand.text, join(old, counted));
      return unknown;
    }
    if (ts.isPrefixUnaryExpression(e)) {
      const v = this.expr(e.operand, env);
      if (e.operator === ts.SyntaxKind.MinusToken && e.operand.kind === ts.SyntaxKind.NumericLiteral)
        return [{ t: "num", sym: null, k: -Number((e.operand as ts.NumericLiteral).text) }];
      return v.filter((o) => o.t === "score" || o.t === "stat");
    }
    if (ts.isArrayLiteralExpression(e)) return this.arrayLiteral(e, env);
    if (ts.isObjectLiteralExpression(e)) return this.objectLiteral(e, env);
    if (ts.isPropertyAccessExpression(e)) return getProperty(this, this.expr(e.expression, env), e.name.text, e);
    if (ts.isElementAccessExpression(e)) {
      const holder = this.expr(e.expression, env);
      const arg = e.argumentExpression;
      if (ts.isStringLiteralLike(arg) && !/^\d+$/.test(arg.text)) return getProperty(this, holder, arg.text, e, true);
      const index = this.expr(arg, env);
      // df[col] with col a column name: a column, not a row.
      const names = index.filter((o) => o.t === "str");
      if (names.length && !index.some((o) => o.t === "num")) return getProperty(this, holder, (names[0] as { v: string }).v, e, true);
      return elementOf(this, holder, index);
    }
    if (ts.isCallExpression(e)) return this.call(e, env);
    if (ts.isNewExpression(e)) {
      const ctor = this.expr(e.expression, env);
      const args = (e.arguments ?? []).map((a) => this.expr(a, env));
      return join(...ctor.map((c) => (c.t === "lib" ? callLibrary(this, c.path, args, e, true) : c.t === "class" ? this.construct(c, args, e) : unknown)));
    }
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return [{ t: "fn", node: e, env }];
    if (ts.isConditionalExpression(e)) {
      // p > 0.5 ? 1 : 0 on a prediction is still that prediction (thresholded).
      const preds = this.expr(e.condition, env).filter((o) => o.t === "pred");
      return join(this.expr(e.whenTrue, env), this.expr(e.whenFalse, env), preds);
    }
    if (ts.isBinaryExpression(e)) return this.binary(e, env);
    if (ts.isSpreadElement(e)) return this.expr(e.expression, env);
    if (ts.isTypeOfExpression(e) || ts.isVoidExpression(e) || ts.isDeleteExpression(e)) {
      this.expr(e.expression, env);
      return unknown;
    }
    return unknown;
  }

  private identifier(name: string, env: Env): Value {
    const v = lookup(env, name);
    if (v) return v;
    if (aibookFunctions.has(name)) return [{ t: "lib", path: `aibook/${name}` }];
    if (globals.has(name)) return [{ t: "lib", path: name }];
    return unknown;
  }

  private arrayLiteral(e: ts.ArrayLiteralExpression, env: Env): Value {
    const elems: Value[] = [];
    let spread = false;
    const spreads: Value[] = [];
    for (const el of e.elements) {
      if (ts.isSpreadElement(el)) {
        spread = true;
        spreads.push(this.expr(el.expression, env));
      } else if (!ts.isOmittedExpression(el)) elems.push(this.expr(el, env));
    }
    if (spread) {
      const rows = callLibrary(this, "$concat", [...spreads, ...elems], e, false);
      if (rows.length) return rows;
      const all = [...spreads.map((v) => this.iterate(v)), ...elems];
      return [{ t: "arr", elems: null, elem: join(...all) }];
    }
    // [X[i]]: a row (or rows) picked out of some data, wrapped to call predict on it: those rows.
    if (elems.length > 0 && elems.every((v) => v.length > 0 && v.every((o) => o.t === "data" && o.elem))) {
      const rows = elems.flatMap((v) => v as DataObj[]);
      return [{ t: "data", atoms: uniqueAtoms(rows.flatMap((d) => d.atoms)), taints: new Set(rows.flatMap((d) => [...d.taints])) }];
    }
    const primitive = (v: Value): boolean =>
      v.length > 0 && v.every((o) => o.t === "num" || o.t === "str" || (o.t === "data" && !!o.tuple));
    if (elems.length > 0 && elems.every(primitive)) {
      const root = { key: `literal#${this.next()}` };
      return [{ t: "data", atoms: [{ root, cuts: [], key: root.key }], taints: new Set(), tuple: elems }];
    }
    return [{ t: "arr", elems, elem: join(...elems) }];
  }

  private objectLiteral(e: ts.ObjectLiteralExpression, env: Env): Value {
    const props = new Map<string, Value>();
    const self: Obj = { t: "rec", props };
    const methodEnv: Env = { vars: new Map([["this", [self]]]), parent: env };
    for (const p of e.properties) {
      if (ts.isPropertyAssignment(p)) {
        const key = ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name) || ts.isNumericLiteral(p.name) ? p.name.text : undefined;
        // { stratify: false } kept in a variable: the option's truth is what matters later.
        const flag = p.initializer.kind === ts.SyntaxKind.TrueKeyword ? "true" : p.initializer.kind === ts.SyntaxKind.FalseKeyword ? "false" : undefined;
        const v: Value = flag ? [{ t: "str", v: BOOLEAN_FLAG + flag }] : this.expr(p.initializer, env);
        if (key !== undefined) props.set(key, v);
      } else if (ts.isShorthandPropertyAssignment(p)) props.set(p.name.text, this.identifier(p.name.text, env));
      else if (ts.isSpreadAssignment(p)) {
        const spread = this.expr(p.expression, env);
        for (const o of spread) if (o.t === "rec") for (const [k, v] of o.props) props.set(k, v);
        // ...defaults of unknown content: any key may be there.
        if (spread.length === 0 || spread.some((o) => o.t !== "rec")) props.set(ANY_KEY, props.get(ANY_KEY) ?? unknown);
      } else if (ts.isMethodDeclaration(p) && ts.isIdentifier(p.name)) props.set(p.name.text, [{ t: "fn", node: p, env: methodEnv }]);
    }
    return [self];
  }

  private binary(e: ts.BinaryExpression, env: Env): Value {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.EqualsToken) {
      const v = this.expr(e.right, env);
      this.assignTo(e.left, v, env);
      return v;
    }
    const left = this.expr(e.left, env);
    const right = this.expr(e.right, env);
    switch (op) {
      case ts.SyntaxKind.AmpersandAmpersandToken:
      case ts.SyntaxKind.BarBarToken:
      case ts.SyntaxKind.QuestionQuestionToken:
        return join(left, right);
      case ts.SyntaxKind.PlusEqualsToken:
      case ts.SyntaxKind.MinusEqualsToken:
      case ts.SyntaxKind.AsteriskEqualsToken:
      case ts.SyntaxKind.SlashEqualsToken: {
        const counted = op === ts.SyntaxKind.PlusEqualsToken ? (this.counted[this.counted.length - 1] ?? []) : [];
        const v = counted.length ? join(left, counted) : arithmetic(this, left, right, op === ts.SyntaxKind.PlusEqualsToken ? "+" : op === ts.SyntaxKind.MinusEqualsToken ? "-" : "*", e);
        this.assignTo(e.left, v, env);
        return v;
      }
      case ts.SyntaxKind.LessThanToken:
      case ts.SyntaxKind.GreaterThanToken:
      case ts.SyntaxKind.LessThanEqualsToken:
      case ts.SyntaxKind.GreaterThanEqualsToken:
        compareScores(this, left, right, e);
        return [...left, ...right].filter((o) => o.t === "pred");
      case ts.SyntaxKind.EqualsEqualsEqualsToken:
      case ts.SyntaxKind.EqualsEqualsToken:
      case ts.SyntaxKind.ExclamationEqualsEqualsToken:
      case ts.SyntaxKind.ExclamationEqualsToken:
        return handMetric(this, left, right, e);
      case ts.SyntaxKind.MinusToken: {
        const measured = handMetric(this, left, right, e, false);
        return measured.length ? measured : arithmetic(this, left, right, "-", e);
      }
      case ts.SyntaxKind.PlusToken:
        return arithmetic(this, left, right, "+", e);
      case ts.SyntaxKind.AsteriskToken:
        return arithmetic(this, left, right, "*", e);
      case ts.SyntaxKind.SlashToken:
        return arithmetic(this, left, right, "/", e);
      default:
        return arithmetic(this, left, right, "?", e);
    }
  }

  private call(e: ts.CallExpression, env: Env): Value {
    const args = e.arguments.map((a) => this.expr(a, env));
    const callee = e.expression;
    if (ts.isPropertyAccessExpression(callee) || (ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression))) {
      const receiver = this.expr(callee.expression, env);
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : (callee.argumentExpression as ts.StringLiteral).text;
      return callMethod(this, receiver, name, args, e);
    }
    const fn = this.expr(callee, env);
    return this.apply(fn, args, e);
  }

  /**
   * `new C(...)` of a user class: an instance record whose methods and property initializers see
   * it as `this` (base classes first), then the constructor, whose `super(...)` runs the base's.
   */
  private construct(cls: ClassObj, args: Value[], node: ts.Node, instance?: Obj & { t: "rec" }, depth = 0): Value {
    const self = instance ?? ({ t: "rec", props: new Map<string, Value>() } as Obj & { t: "rec" });
    const thisEnv: Env = { vars: new Map([["this", [self]]]), parent: cls.env };
    const base = cls.node.heritageClauses
      ?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)
      ?.types.flatMap((t) => this.expr(t.expression, cls.env))
      .find((o): o is ClassObj => o.t === "class");
    if (base && depth < MAX_CALL_DEPTH) {
      const superCall: Obj = { t: "lib", path: "$super" };
      thisEnv.vars.set("super", [superCall]);
      this.superCalls.set(superCall, (superArgs) => this.construct(base, superArgs, node, self, depth + 1));
    }
    if (base && depth < MAX_CALL_DEPTH && !cls.node.members.some(ts.isConstructorDeclaration)) this.construct(base, args, node, self, depth + 1);
    for (const m of cls.node.members) {
      if (ts.canHaveModifiers(m) && ts.getModifiers(m)?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword)) continue;
      const name = m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) || ts.isPrivateIdentifier(m.name)) ? m.name.text : undefined;
      if (name === undefined) continue;
      if (ts.isMethodDeclaration(m)) self.props.set(name, [{ t: "fn", node: m, env: thisEnv }]);
      else if (ts.isPropertyDeclaration(m) && m.initializer) self.props.set(name, this.expr(m.initializer, thisEnv));
    }
    const ctor = cls.node.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && !!m.body);
    if (ctor) {
      // constructor(private readonly data: X): a parameter property is a member too.
      ctor.parameters.forEach((p, i) => {
        if (ts.isIdentifier(p.name) && ts.isParameterPropertyDeclaration(p, ctor)) self.props.set(p.name.text, args[i] ?? unknown);
      });
      this.callFunction({ t: "fn", node: ctor, env: thisEnv }, args, node);
    }
    return [self];
  }

  /** `super(...)` inside a constructor: runs the base class's constructor on the same instance. */
  private readonly superCalls = new Map<Obj, (args: Value[]) => Value>();

  /** Call a value: a user function, a library function, or something unknown (whose callbacks still run). */
  apply(fn: Value, args: Value[], node: ts.Node): Value {
    const results: Value[] = [];
    for (const f of fn) {
      if (f.t === "fn") results.push(this.callFunction(f, args, node));
      else if (f.t === "lib" && this.superCalls.has(f)) results.push(this.superCalls.get(f)!(args));
      else if (f.t === "lib") results.push(callLibrary(this, f.path, args, node, false));
    }
    if (fn.length === 0) for (const a of args) for (const o of a) if (o.t === "fn") this.callFunction(o, [], node);
    return join(...results);
  }

  /** Follow a call into a user function or a callback, with the arguments bound to its parameters. */
  callFunction(f: FnObj, args: Value[], node: ts.Node): Value {
    if (this.callStack.length >= MAX_CALL_DEPTH || this.callStack.includes(f.node)) return unknown;
    const body = f.node.body;
    if (!body) return unknown;
    const env: Env = { vars: new Map(), parent: f.env };
    f.node.parameters.forEach((p, i) => {
      let v = p.dotDotDotToken ? [{ t: "arr", elems: args.slice(i), elem: join(...args.slice(i)) } as Obj] : (args[i] ?? unknown);
      if (p.initializer) v = join(v, this.expr(p.initializer, env));
      this.bind(p.name, v, env, true);
    });
    const outerSite = this.site;
    const inline = node.getSourceFile() === f.node.getSourceFile() && node.pos <= f.node.pos && f.node.end <= node.end;
    if (!inline && this.site === undefined) this.site = node;
    this.callStack.push(f.node);
    this.returns.push([]);
    let result: Value;
    try {
      if (ts.isBlock(body)) {
        this.block(body.statements, env);
        result = join(...this.returns[this.returns.length - 1]!);
      } else result = this.expr(body as ts.Expression, env);
    } finally {
      this.returns.pop();
      this.callStack.pop();
      this.site = outerSite;
    }
    return result;
  }
}

/** Loops over a short literal list run once per element. */
const MAX_LISTED = 6;

/** The elements of a literal list (of models, of tuples of parts) when they are known one by one. */
function listedElements(v: Value): Value[] | undefined {
  if (v.length !== 1) return undefined;
  const o = v[0]!;
  const elems = o.t === "arr" ? o.elems : o.t === "data" && o.tuple ? o.tuple : null;
  return elems && elems.length >= 2 && elems.length <= MAX_LISTED ? elems : undefined;
}
