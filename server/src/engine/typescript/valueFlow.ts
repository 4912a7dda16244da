// "The expressions this expression may evaluate to": the one place the TypeScript front end sees
// through what does not change a value (casts, `!`, parentheses, `await`), what picks one of several
// (`a ? b : c`, `??`, `||`, `&&`, `,`), names declared in the same file (const, let and var, with
// every value later assigned to them, destructured names) and properties of object literals. Every
// follower (tool lists, tool-call collections, clients and resource aliases, request URLs) asks here,
// so a construct learnt once is seen through everywhere.
import ts from "typescript";
import { findProperty, unwrap } from "./syntax";

/** What a name may hold: its initializer and every value assigned to it later, in source order. */
export interface NameValues {
  valuesOf(identifier: ts.Identifier): readonly ts.Expression[];
}

// Bounds that keep pathological code (a thousand-way `??` chain, names assigned in a loop of
// aliases) linear: past them the answer is what was found so far.
const MAX_STEPS = 400;
const MAX_LEAVES = 64;
/** How many property reads deep (`a.b.c` through object literals) a value is followed. */
const MAX_PROPERTY_DEPTH = 6;

/**
 * The alternatives of `expression` without following names: one for a plain value, both branches of
 * a conditional, each operand of `??` and `||`, the right of `&&`, all seen through casts, `!`,
 * parentheses and `await`.
 */
export function syntacticAlternatives(expression: ts.Expression): ts.Expression[] {
  return possibleValues(expression, undefined);
}

/**
 * The expressions `expression` may evaluate to, each one that cannot be followed further (a literal,
 * a call, a parameter, an access of something unknown). `followed`, when given, receives every name
 * that was followed on the way, for callers that also look at what is done to a name (`NAME.push(…)`).
 */
export function possibleValues(expression: ts.Expression, names: NameValues | undefined, followed?: Set<ts.Identifier>): ts.Expression[] {
  return valuesWithin(expression, { names, followed, stepsLeft: MAX_STEPS }, 0);
}

interface Walk {
  names: NameValues | undefined;
  followed: Set<ts.Identifier> | undefined;
  /** Shared by nested walks (property reads), so the whole answer costs at most MAX_STEPS steps. */
  stepsLeft: number;
}

function valuesWithin(expression: ts.Expression, walk: Walk, depth: number): ts.Expression[] {
  const leaves: ts.Expression[] = [];
  const seen = new Set<ts.Node>();
  const pending: ts.Expression[] = [expression];
  while (pending.length > 0 && walk.stepsLeft-- > 0 && leaves.length < MAX_LEAVES) {
    const current = pending.pop()!;
    if (seen.has(current)) continue;
    seen.add(current);
    const next = alternativesOf(current, walk, depth);
    // Pushed last-first so leaves come out in source order.
    if (next) for (let i = next.length - 1; i >= 0; i--) pending.push(next[i]);
    else leaves.push(current);
  }
  return leaves;
}

/** What `expression` steps to, or undefined when it is a leaf. */
function alternativesOf(expression: ts.Expression, walk: Walk, depth: number): ts.Expression[] | undefined {
  const inner = unwrap(expression);
  if (inner !== expression) return [inner];
  if (ts.isAwaitExpression(inner)) return [inner.expression];
  if (ts.isConditionalExpression(inner)) return [inner.whenTrue, inner.whenFalse];
  if (ts.isBinaryExpression(inner)) {
    const operator = inner.operatorToken.kind;
    if (operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken) return [inner.left, inner.right];
    // `a && b` is `a` only when `a` is falsy, and no falsy value is a list, an object or a client.
    if (operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.CommaToken || operator === ts.SyntaxKind.EqualsToken) return [inner.right];
    return undefined;
  }
  if (!walk.names) return undefined;
  if (ts.isIdentifier(inner)) {
    const values = walk.names.valuesOf(inner);
    if (values.length === 0) return undefined;
    walk.followed?.add(inner);
    return [...values];
  }
  const property = depth < MAX_PROPERTY_DEPTH ? propertyAccessed(inner) : undefined;
  if (property) {
    // `config.tools` (or `const { tools } = config`) where `config` holds an object literal: the
    // property's value. Anything else stays a leaf: `run.required_action` means what it says.
    const found = valuesWithin(property.object, walk, depth + 1).flatMap((value) => {
      if (!ts.isObjectLiteralExpression(value)) return [];
      const member = findProperty(value, property.name);
      if (member && ts.isPropertyAssignment(member)) return [member.initializer];
      if (member && ts.isShorthandPropertyAssignment(member)) return [member.name];
      return [];
    });
    return found.length > 0 ? found : undefined;
  }
  return undefined;
}

function propertyAccessed(expression: ts.Expression): { object: ts.Expression; name: string } | undefined {
  if (ts.isPropertyAccessExpression(expression) && ts.isIdentifier(expression.name)) return { object: expression.expression, name: expression.name.text };
  if (ts.isElementAccessExpression(expression) && ts.isStringLiteralLike(expression.argumentExpression)) return { object: expression.expression, name: expression.argumentExpression.text };
  return undefined;
}

/** The object literals `expression` may evaluate to. */
export function objectLiteralsOf(expression: ts.Expression | undefined, names: NameValues): ts.ObjectLiteralExpression[] {
  return expression ? possibleValues(expression, names).filter(ts.isObjectLiteralExpression) : [];
}

const ARRAY_PRESERVING_METHODS = new Set(["filter", "slice", "toSorted", "toReversed", "reverse", "sort", "flat"]);

/**
 * The elements an array expression may hold: array literals with their spreads, `.concat(…)`, and
 * copies (`.filter`, `.slice`, …) of an array, through every value of the names on the way.
 * `followed` receives the names followed, so callers can add what is pushed onto them.
 */
export function arrayElementsOf(expression: ts.Expression | undefined, names: NameValues, followed: Set<ts.Identifier> = new Set(), seen: Set<ts.Node> = new Set()): ts.Expression[] {
  if (!expression || seen.has(expression) || seen.size > MAX_STEPS) return [];
  seen.add(expression);
  return possibleValues(expression, names, followed).flatMap((value): ts.Expression[] => {
    if (ts.isArrayLiteralExpression(value)) {
      return value.elements.flatMap((element) => (ts.isSpreadElement(element) ? arrayElementsOf(element.expression, names, followed, seen) : [element]));
    }
    if (ts.isCallExpression(value) && ts.isPropertyAccessExpression(value.expression)) {
      const method = value.expression.name.text;
      const receiver = value.expression.expression;
      if (method === "concat") {
        const added = value.arguments.flatMap((argument) => {
          if (ts.isSpreadElement(argument)) return arrayElementsOf(argument.expression, names, followed, seen);
          const elements = arrayElementsOf(argument, names, followed, seen);
          // `concat(x)` adds x's elements when x is an array, and x itself otherwise.
          return elements.length > 0 ? elements : [argument];
        });
        return [...arrayElementsOf(receiver, names, followed, seen), ...added];
      }
      if (ARRAY_PRESERVING_METHODS.has(method)) return arrayElementsOf(receiver, names, followed, seen);
    }
    return [];
  });
}
