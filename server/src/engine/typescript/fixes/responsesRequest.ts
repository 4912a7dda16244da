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

/** Reads a run's options object; undefined when it holds something the rewrite cannot carry over. */
export function readRunOptions(options: ts.Expression | undefined, context: TypeScriptFixContext, handledByCaller: readonly string[] = []): RunOptions | undefined {
  const object = options && unwrap(options);
  if (!object || !ts.isObjectLiteralExpression(object)) return undefined;
  for (const property of object.properties) {
    const name = property.name && propertyNameText(property.name);
    if (!name || ts.isSpreadAssignment(property) || !(UNDERSTOOD.has(name) || handledByCaller.includes(name))) return undefined;
  }
  const assistantProperty = findProperty(object, "assistant_id");
  const assistantId = assistantProperty && (ts.isPropertyAssignment(assistantProperty) ? assistantProperty.initializer : ts.isShorthandPropertyAssignment(assistantProperty) ? assistantProperty.name : undefined);
  return {
    assistantId,
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
