// Builds the `responses.create({ … })` text that replaces a run, in the file's style.
import ts from "typescript";
import { findProperty, propertyNameText, unwrap } from "../syntax";
import type { TypeScriptFixContext } from "./context";

/** Run options that carry over to `responses.create` under the same name. */
const PASSED_THROUGH = new Set(["metadata", "temperature", "top_p", "parallel_tool_calls"]);
/** Run options the rewrite understands; anything else means no automatic rewrite. */
const UNDERSTOOD = new Set([...PASSED_THROUGH, "assistant_id", "model", "instructions", "additional_instructions", "tools"]);

export interface RunOptions {
  assistantId?: ts.Expression;
  /** Options left out because Responses has no counterpart (lenient reading only): say so in a TODO. */
  dropped: string[];
  /** `key: value` texts for the request, in order, without the state property. */
  properties: (definitionName: string) => string[];
}

function valueText(object: ts.ObjectLiteralExpression, name: string, context: TypeScriptFixContext): string | undefined {
  const property = findProperty(object, name);
  if (!property) return undefined;
  if (ts.isShorthandPropertyAssignment(property)) return name;
  if (ts.isPropertyAssignment(property)) return property.initializer.getText(context.sourceFile);
  return undefined;
}

/** Run options with a Responses counterpart under another name or shape (lenient reading). */
const RENAMED: Record<string, (value: string) => string> = {
  max_completion_tokens: (value) => `max_output_tokens: ${value}`,
  reasoning_effort: (value) => `reasoning: { effort: ${value} }`,
  additional_messages: (value) => `input: ${value}`,
};

/**
 * Reads a run's options object; undefined when it holds something the rewrite cannot carry over.
 * `lenient` (unsafe fixes) keeps what maps and lists the rest in `dropped`, for a TODO.
 */
export function readRunOptions(options: ts.Expression | undefined, context: TypeScriptFixContext, handledByCaller: readonly string[] = [], lenient = false): RunOptions | undefined {
  const object = options && unwrap(options);
  if (!object || !ts.isObjectLiteralExpression(object)) return undefined;
  const dropped: string[] = [];
  const extra: string[] = [];
  for (const property of object.properties) {
    const name = property.name && propertyNameText(property.name);
    if (name && (UNDERSTOOD.has(name) || handledByCaller.includes(name))) continue;
    if (!lenient || !name || ts.isSpreadAssignment(property) || name === "stream") return undefined;
    const value = valueText(object, name, context);
    // A string `tool_choice` ("auto", "none", "required") means the same; the object form names tools differently.
    if (name === "tool_choice" && value !== undefined && ts.isPropertyAssignment(property) && ts.isStringLiteralLike(property.initializer)) extra.push(`tool_choice: ${value}`);
    else if (RENAMED[name] && value !== undefined) extra.push(RENAMED[name](value));
    else dropped.push(name);
  }
  const assistantProperty = findProperty(object, "assistant_id");
  const assistantId = assistantProperty && (ts.isPropertyAssignment(assistantProperty) ? assistantProperty.initializer : ts.isShorthandPropertyAssignment(assistantProperty) ? assistantProperty.name : undefined);
  return {
    assistantId,
    dropped,
    properties: (definition) => {
      const model = valueText(object, "model", context) ?? `${definition}.model`;
      const instructions = valueText(object, "instructions", context) ?? `${definition}.instructions`;
      const additional = valueText(object, "additional_instructions", context);
      const tools = valueText(object, "tools", context) ?? `${definition}.tools`;
      return [
        `model: ${model}`,
        `instructions: ${additional ? `[${instructions}, ${additional}].filter(Boolean).join("\\n\\n")` : instructions}`,
        `tools: ${tools}`,
        ...[...PASSED_THROUGH].flatMap((key) => {
          const value = valueText(object, key, context);
          return value === undefined ? [] : [`${key}: ${value}`];
        }),
        ...extra,
      ];
    },
  };
}

/** `{\n  a,\n  b,\n}` indented under the line at `offset`. */
export function objectLiteralText(properties: readonly string[], offset: number, context: TypeScriptFixContext): string {
  const { style } = context;
  const indent = style.indentAt(offset);
  return ["{", ...properties.map((property) => `${indent}${style.indentUnit}${property},`), `${indent}}`].join(style.newline);
}
