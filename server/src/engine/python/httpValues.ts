// Evaluates a Python request URL as far as it can: constants, f-strings, `+`, `os.environ.get(name,
// default)` / `os.getenv`, and a wrapper's parameters bound to a call's arguments. What cannot be
// evaluated becomes an unknown part named by its source text (openAIPathOf decides what a name says).
import type { UrlPart } from "../assistantsHttp";
import type { PythonBindings } from "./bindings";
import { alternatives, attributeName, callArguments, field, namedChildren, stringValue, unwrap, type PyNode, type SourceText } from "./syntax";
import { openAIPathOf } from "../assistantsHttp";

/** A wrapper's parameters, bound to the arguments of one call (evaluated where that call is). */
export interface UrlEnvironment {
  parameters: Map<string, { value: PyNode; environment?: UrlEnvironment }>;
}

/** Guards against cycles (`url = url + "/x"`) and deep chains. */
const MAX_DEPTH = 24;
/** Nodes one URL may visit: `a or b` chains branch, and evaluation must stay linear in the file. */
const MAX_STEPS = 400;

export class PythonUrlValues {
  constructor(
    private readonly bindings: PythonBindings,
    readonly source: SourceText,
  ) {}

  /** `definition`'s parameters bound to `call`'s arguments (positional, then by keyword, then defaults). */
  bindParameters(definition: PyNode, call: PyNode, environment: UrlEnvironment | undefined): UrlEnvironment {
    const parameters = new Map<string, { value: PyNode; environment?: UrlEnvironment }>();
    const { positional, keywords } = callArguments(call, this.source);
    const declared = namedChildren(field(definition, "parameters") ?? definition);
    let index = 0;
    for (const parameter of declared) {
      const identifier = parameter.type === "identifier" ? parameter : (field(parameter, "name") ?? namedChildren(parameter).find((child) => child.type === "identifier"));
      if (!identifier || identifier.type !== "identifier") continue;
      const name = this.source.of(identifier);
      if (index === 0 && (name === "self" || name === "cls")) continue;
      const keyword = keywords.get(name);
      const argument = keyword ? field(keyword, "value") : positional[index];
      index++;
      if (argument) parameters.set(name, { value: argument, environment });
      else {
        const fallback = field(parameter, "value");
        if (fallback) parameters.set(name, { value: fallback });
      }
    }
    return { parameters };
  }

  private steps = 0;

  /** The URL `node` evaluates to; `used` collects the environments whose parameters it read. */
  partsOf(node: PyNode, environment: UrlEnvironment | undefined, used: Set<UrlEnvironment>): UrlPart[] {
    this.steps = 0;
    return this.evaluate(node, environment, used, 0);
  }

  private evaluate(node: PyNode, environment: UrlEnvironment | undefined, used: Set<UrlEnvironment>, depth: number): UrlPart[] {
    if (depth > MAX_DEPTH || ++this.steps > MAX_STEPS) return [{ unknown: this.source.of(node) }];
    const options = alternatives(node, this.source);
    if (options.length > 1) {
      // `BASE or "https://api.openai.com/v1"`: the branch that reaches the API decides.
      const evaluated = options.map((option) => this.evaluate(option, environment, used, depth + 1));
      return evaluated.find((parts) => openAIPathOf([...parts, "/x"]) !== undefined) ?? evaluated[0];
    }
    const value = unwrap(options[0], this.source);
    switch (value.type) {
      case "string":
        return this.stringParts(value, environment, used, depth);
      case "concatenated_string":
        return namedChildren(value).flatMap((part) => this.evaluate(part, environment, used, depth + 1));
      case "binary_operator": {
        const operator = value.children.find((child) => child.field === "operator");
        const left = field(value, "left");
        const right = field(value, "right");
        if (operator && this.source.of(operator) === "+" && left && right) return [...this.evaluate(left, environment, used, depth + 1), ...this.evaluate(right, environment, used, depth + 1)];
        break;
      }
      case "identifier": {
        const bound = environment?.parameters.get(this.source.of(value));
        if (bound && environment) {
          used.add(environment);
          return this.evaluate(bound.value, bound.environment, used, depth + 1);
        }
        // Only a name assigned once is a constant worth following.
        const assigned = this.bindings.valuesOf(value);
        if (assigned.length === 1 && assigned[0] !== value) return this.evaluate(assigned[0], undefined, used, depth + 1);
        break;
      }
      case "call": {
        const fallback = this.environmentDefault(value);
        if (fallback) return this.evaluate(fallback, environment, used, depth + 1);
        break;
      }
    }
    return [{ unknown: this.source.of(value) }];
  }

  /** A string value (the method argument), or undefined when it is not literal. */
  stringOf(node: PyNode, environment: UrlEnvironment | undefined): string | undefined {
    const parts = this.partsOf(node, environment, new Set());
    return parts.every((part) => typeof part === "string") ? parts.join("") : undefined;
  }

  private stringParts(node: PyNode, environment: UrlEnvironment | undefined, used: Set<UrlEnvironment>, depth: number): UrlPart[] {
    const plain = stringValue(node, this.source);
    if (plain !== undefined) return [plain];
    const parts: UrlPart[] = [];
    for (const child of node.children) {
      if (child.type === "string_content" || child.type === "escape_sequence") parts.push(this.source.of(child));
      else if (child.type === "interpolation") {
        const expression = field(child, "expression") ?? namedChildren(child)[0];
        parts.push(...(expression ? this.evaluate(expression, environment, used, depth + 1) : [{ unknown: this.source.of(child) }]));
      }
    }
    return parts;
  }

  /** The default of `os.environ.get("X", default)` / `os.getenv("X", default)`. */
  private environmentDefault(call: PyNode): PyNode | undefined {
    const callee = field(call, "function");
    const name = attributeName(callee, this.source) ?? (callee?.type === "identifier" ? this.source.of(callee) : undefined);
    const object = callee?.type === "attribute" ? field(callee, "object") : undefined;
    const isEnvironment = name === "getenv" || (name === "get" && object !== undefined && /(^|\.)environ$/.test(this.source.of(object)));
    if (!isEnvironment) return undefined;
    const { positional, keywords } = callArguments(call, this.source);
    const fallback = positional[1] ?? (keywords.get("default") && field(keywords.get("default")!, "value"));
    return fallback ?? undefined;
  }
}
