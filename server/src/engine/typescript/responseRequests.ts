// Reads what a `responses.create` / `responses.stream` call asks for: chaining options, tool shapes,
// and chat-style messages in its input, following consts declared in the same file.
import ts from "typescript";
import type { ApiCall, ChatShapedTool, ChatToolMessage, ResponseRequest } from "../facts";
import type { OpenAIBindings } from "./bindings";
import { accessedName, findProperty, isFunctionLike, isStringLiteralWithText, rangeOf, unwrap, type SyntaxIndex } from "./syntax";
import { arrayElementsOf, objectLiteralsOf, syntacticAlternatives } from "./valueFlow";

const REQUEST_METHODS = new Set(["create", "stream", "parse"]);
const EXPIRED_CHAIN_HANDLING = /NotFoundError|\b404\b|previous_response_not_found/;


function propertyValue(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  const property = findProperty(object, name);
  if (!property) return undefined;
  if (ts.isPropertyAssignment(property)) return property.initializer;
  if (ts.isShorthandPropertyAssignment(property)) return property.name;
  return undefined;
}

/** Array elements through every value on the way (valueFlow), plus objects pushed onto the names followed. */
function arrayElements(expression: ts.Expression | undefined, bindings: OpenAIBindings, pushes: PushIndex): ts.Expression[] {
  const followed = new Set<ts.Identifier>();
  const elements = arrayElementsOf(expression, bindings, followed);
  const pushedNames = new Set([...followed].map((name) => name.text));
  return [...elements, ...[...pushedNames].flatMap((name) => pushes.onto(name))];
}

/** `NAME.push(…)` calls by NAME, from the file's calls in source order; built on first use. */
class PushIndex {
  private byName: Map<string, ts.CallExpression[]> | undefined;

  constructor(private readonly calls: readonly ts.CallExpression[]) {}

  /** The non-spread arguments pushed onto `name`, in source order. */
  onto(name: string): ts.Expression[] {
    if (!this.byName) {
      this.byName = new Map();
      for (const node of this.calls) {
        if (ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === "push" && ts.isIdentifier(node.expression.expression)) {
          const list = this.byName.get(node.expression.expression.text);
          if (list) list.push(node);
          else this.byName.set(node.expression.expression.text, [node]);
        }
      }
    }
    return (this.byName.get(name) ?? []).flatMap((node) => node.arguments.filter((argument) => !ts.isSpreadElement(argument)));
  }
}

function chatShapedTools(options: ts.ObjectLiteralExpression, bindings: OpenAIBindings, sourceFile: ts.SourceFile, pushes: PushIndex): ChatShapedTool[] {
  return arrayElements(propertyValue(options, "tools"), bindings, pushes).flatMap((element) => objectLiteralsOf(element, bindings)).flatMap((tool) => {
    if (!isStringLiteralWithText(propertyValue(tool, "type"), "function")) return [];
    const fn = objectLiteralsOf(propertyValue(tool, "function"), bindings)[0];
    if (!findProperty(tool, "function")) return [];
    const nameValue = fn && propertyValue(fn, "name");
    return [{ range: rangeOf(tool, sourceFile), name: nameValue && ts.isStringLiteralLike(nameValue) ? nameValue.text : undefined }];
  });
}

function chatToolMessages(options: ts.ObjectLiteralExpression, bindings: OpenAIBindings, sourceFile: ts.SourceFile, pushes: PushIndex): ChatToolMessage[] {
  return arrayElements(propertyValue(options, "input"), bindings, pushes).flatMap((element) => objectLiteralsOf(element, bindings)).flatMap((message): ChatToolMessage[] => {
    if (isStringLiteralWithText(propertyValue(message, "role"), "tool") || findProperty(message, "tool_call_id")) return [{ range: rangeOf(message, sourceFile), kind: "tool-role" }];
    if (findProperty(message, "tool_calls")) return [{ range: rangeOf(message, sourceFile), kind: "tool-calls" }];
    return [];
  });
}

function propertyRange(options: ts.ObjectLiteralExpression, name: string, sourceFile: ts.SourceFile) {
  const property = findProperty(options, name);
  return property ? rangeOf(property, sourceFile) : undefined;
}

function chainsFreshResponse(options: ts.ObjectLiteralExpression, bindings: OpenAIBindings): boolean {
  const value = propertyValue(options, "previous_response_id");
  const inner = value && unwrap(value);
  if (!inner || !ts.isPropertyAccessExpression(inner) || inner.name.text !== "id" || !ts.isIdentifier(inner.expression)) return false;
  const initializer = bindings.initializerOf(inner.expression);
  const created = initializer && syntacticAlternatives(initializer);
  return !!created && created.length > 0 && created.every((call) => ts.isCallExpression(call) && /\bresponses\s*\??\.\s*(create|parse)$/.test(call.expression.getText()));
}

/** A try/catch, a `.catch(…)`, or a fallback wrapper around the call handles an expired chain. */
function handlesExpiredChain(call: ts.CallExpression, sourceFile: ts.SourceFile): boolean {
  let child: ts.Node = call;
  for (let node = call.parent; node && !ts.isSourceFile(node); child = node, node = node.parent) {
    if (ts.isTryStatement(node) && child === node.tryBlock && node.catchClause && EXPIRED_CHAIN_HANDLING.test(node.catchClause.getText(sourceFile))) return true;
    if (ts.isCallExpression(node)) {
      const method = accessedName(node.expression);
      if (method === "catch" && node.arguments.some((handler) => EXPIRED_CHAIN_HANDLING.test(handler.getText(sourceFile)))) return true;
      const calleeText = node.expression.getText(sourceFile);
      if (/fallback|withChain|retry/i.test(calleeText) && node !== call) return true;
    }
    if (isFunctionLike(node) && !ts.isArrowFunction(node)) break;
  }
  return false;
}

export function findResponseRequests(sourceFile: ts.SourceFile, bindings: OpenAIBindings, calls: readonly ApiCall[], nodes: ReadonlyMap<ApiCall, ts.CallExpression>, index: SyntaxIndex): ResponseRequest[] {
  const pushes = new PushIndex(index.calls);
  const seenTools = new Set<number>();
  const seenMessages = new Set<number>();
  const requests: ResponseRequest[] = [];
  for (const call of calls) {
    const method = call.path[call.path.length - 1];
    if (call.path[call.path.length - 2] !== "responses" || !REQUEST_METHODS.has(method)) continue;
    const node = nodes.get(call)!;
    // Of options that differ by branch (`cond ? a : b`), the first is read for chaining; every
    // branch's tools and input are.
    const [options, ...otherOptions] = objectLiteralsOf(node.arguments[0], bindings);
    if (!options) continue;
    const storeValue = propertyValue(options, "store");
    requests.push({
      method,
      calleeRange: call.calleeRange,
      callRange: call.callRange,
      previousResponseId: propertyRange(options, "previous_response_id", sourceFile),
      storeFalse: storeValue && storeValue.kind === ts.SyntaxKind.FalseKeyword ? propertyRange(options, "store", sourceFile) : undefined,
      handlesExpiredChain: handlesExpiredChain(node, sourceFile),
      chainsFreshResponse: chainsFreshResponse(options, bindings),
      chatShapedTools: [options, ...otherOptions].flatMap((each) => chatShapedTools(each, bindings, sourceFile, pushes)).filter((tool) => !seenTools.has(tool.range.start) && seenTools.add(tool.range.start)),
      chatToolMessages: [options, ...otherOptions].flatMap((each) => chatToolMessages(each, bindings, sourceFile, pushes)).filter((message) => !seenMessages.has(message.range.start) && seenMessages.add(message.range.start)),
    });
  }
  return requests;
}

