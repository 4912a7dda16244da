// What request arguments evaluate to, for the HTTP request finder: URLs as UrlParts (consts,
// template literals, `+`, `new URL`, `.href`), options objects and their `method`, with a local
// wrapper's parameters bound to the arguments of the call being followed.
import ts from "typescript";
import type { UrlPart } from "../assistantsHttp";
import type { OpenAIBindings } from "./bindings";
import { findProperty, unwrap } from "./syntax";
import { possibleValues } from "./valueFlow";

/** What a wrapper's parameter is bound to at one call: the argument, evaluated where the call is. */
export interface Bound {
  expression?: ts.Expression;
  env: Env;
  /** Bound only to find out whether the URL depends on it (wrapper discovery). */
  placeholder?: boolean;
}
export type Env = ReadonlyMap<string, Bound>;
export const NO_ENV: Env = new Map();

const MAX_SHAPES = 8;
const MAX_DEPTH = 16;

export class RequestValues {
  constructor(private readonly bindings: OpenAIBindings) {}

  /** The URLs `expression` may evaluate to, as literal text and unknown pieces. */
  urlShapes(expression: ts.Expression, env: Env, depth: number): UrlPart[][] {
    const unknown = (): UrlPart[][] => [[{ unknown: safeText(expression) }]];
    if (depth > MAX_DEPTH) return unknown();
    const inner = unwrap(expression);
    if (ts.isStringLiteralLike(inner)) return [[inner.text]];
    if (ts.isTemplateExpression(inner)) {
      let shapes: UrlPart[][] = [[inner.head.text]];
      for (const span of inner.templateSpans) shapes = product(product(shapes, this.urlShapes(span.expression, env, depth + 1)), [[span.literal.text]]);
      return shapes;
    }
    if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      return product(this.urlShapes(inner.left, env, depth + 1), this.urlShapes(inner.right, env, depth + 1));
    }
    if (ts.isIdentifier(inner) && env.has(inner.text)) {
      const bound = env.get(inner.text)!;
      return bound.expression && !bound.placeholder ? this.urlShapes(bound.expression, bound.env, depth + 1) : [[{ unknown: inner.text }]];
    }
    if (ts.isNewExpression(inner) && ts.isIdentifier(inner.expression) && inner.expression.text === "URL" && inner.arguments?.[0]) {
      const path = this.urlShapes(inner.arguments[0], env, depth + 1);
      const base = inner.arguments[1] && this.urlShapes(inner.arguments[1], env, depth + 1);
      return base ? path.flatMap((shape) => base.map((prefix) => resolveAgainst(prefix, shape))) : path;
    }
    // `url.toString()`, `url.href`, `String(url)`.
    if (ts.isCallExpression(inner) && ts.isPropertyAccessExpression(inner.expression) && inner.expression.name.text === "toString") return this.urlShapes(inner.expression.expression, env, depth + 1);
    if (ts.isPropertyAccessExpression(inner) && inner.name.text === "href") return this.urlShapes(inner.expression, env, depth + 1);
    if (ts.isCallExpression(inner) && ts.isIdentifier(inner.expression) && inner.expression.text === "String" && inner.arguments[0]) return this.urlShapes(inner.arguments[0], env, depth + 1);
    const values = possibleValues(inner, this.bindings);
    if (values.length === 1 && values[0] === inner) return unknown();
    return values.slice(0, MAX_SHAPES).flatMap((value) => this.urlShapes(value, env, depth + 1)).slice(0, MAX_SHAPES);
  }

  /** The literal text `expression` evaluates to, when all of it is known. */
  literalOf(expression: ts.Expression, env: Env): string | undefined {
    const shape = this.urlShapes(expression, env, 0)[0];
    return shape && shape.every((part) => typeof part === "string") ? shape.join("") : undefined;
  }

  objectOf(expression: ts.Expression, env: Env): ts.ObjectLiteralExpression | undefined {
    const inner = unwrap(expression);
    if (ts.isIdentifier(inner) && env.has(inner.text)) {
      const bound = env.get(inner.text)!;
      return bound.expression && !bound.placeholder ? this.objectOf(bound.expression, bound.env) : undefined;
    }
    return possibleValues(inner, this.bindings).find(ts.isObjectLiteralExpression);
  }

  /**
   * The method an options object gives: its `method`, or one from an object spread into it
   * (`{ ...init, headers }`); "GET" when none does; undefined when it cannot be told.
   */
  methodIn(options: ts.Expression, env: Env, depth = 0): string | undefined {
    const inner = unwrap(options);
    if (ts.isIdentifier(inner) && env.has(inner.text)) {
      const bound = env.get(inner.text)!;
      if (bound.placeholder) return undefined;
      return bound.expression ? this.methodIn(bound.expression, bound.env, depth + 1) : "GET";
    }
    const object = depth < MAX_DEPTH ? possibleValues(inner, this.bindings).find(ts.isObjectLiteralExpression) : undefined;
    if (!object) return inner.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isIdentifier(inner) && inner.text === "undefined") ? "GET" : undefined;
    const method = propertyValue(object, "method");
    if (method) return this.literalOf(method, env)?.toUpperCase();
    for (const property of object.properties) {
      if (!ts.isSpreadAssignment(property)) continue;
      const spread = this.methodIn(property.expression, env, depth + 1);
      if (spread !== "GET") return spread;
    }
    return "GET";
  }

  /** A `method` the options object spells out; undefined otherwise (the wrapper may pick its own). */
  explicitMethod(options: ts.Expression | undefined, env: Env): string | undefined {
    const object = options && this.objectOf(options, env);
    const method = object && propertyValue(object, "method");
    return method && this.literalOf(method, env)?.toUpperCase();
  }
}

export function propertyValue(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  const property = findProperty(object, name);
  if (property && ts.isPropertyAssignment(property)) return property.initializer;
  if (property && ts.isShorthandPropertyAssignment(property)) return property.name;
  return undefined;
}

function safeText(node: ts.Node): string {
  try {
    return node.getText();
  } catch {
    return "";
  }
}

function product(left: UrlPart[][], right: UrlPart[][]): UrlPart[][] {
  const shapes: UrlPart[][] = [];
  for (const a of left) for (const b of right) if (shapes.length < MAX_SHAPES) shapes.push([...a, ...b]);
  return shapes;
}

/** A relative path after a base URL, with exactly one slash between them. */
export function joinSlash(prefix: UrlPart[], shape: UrlPart[]): UrlPart[] {
  const last = prefix[prefix.length - 1];
  const first = shape[0];
  const endsWithSlash = typeof last === "string" && last.endsWith("/");
  const startsWithSlash = typeof first === "string" && first.startsWith("/");
  if (endsWithSlash && startsWithSlash) return [(first as string).slice(1), ...shape.slice(1)];
  if (!endsWithSlash && !startsWithSlash) return ["/", ...shape];
  return shape;
}

/** `new URL(path, base)`: an absolute URL stands; an absolute path keeps the base's origin; a relative one its directory. */
function resolveAgainst(base: UrlPart[], path: UrlPart[]): UrlPart[] {
  const first = path[0];
  if (typeof first === "string" && /^https?:/i.test(first)) return path;
  const literalBase = base.every((part) => typeof part === "string") ? base.join("") : undefined;
  if (typeof first === "string" && first.startsWith("/")) {
    const origin = literalBase && /^https?:\/\/[^/]+/i.exec(literalBase)?.[0];
    return origin ? [origin, ...path] : [...base, ...path];
  }
  if (literalBase !== undefined) return [literalBase.replace(/[^/]*$/, ""), ...path];
  return [...base, "/", ...path];
}
