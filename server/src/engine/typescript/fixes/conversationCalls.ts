// Threads and messages map to Conversations and their items (OpenAI's official mapping), call by call.
import ts from "typescript";
import type { Fix, TextEdit } from "../../types";
import { findProperty, propertyNameText, unwrap } from "../syntax";
import type { BetaChain } from "./calleeChain";
import { retargetCallee } from "./calleeChain";
import type { TypeScriptFixContext } from "./context";

const ASSISTANTS_ONLY_THREAD_OPTIONS = new Set(["tool_resources"]);
const ASSISTANTS_ONLY_MESSAGE_OPTIONS = new Set(["attachments", "metadata"]);

function keysOf(object: ts.ObjectLiteralExpression): string[] | undefined {
  const keys: string[] = [];
  for (const property of object.properties) {
    if (!property.name || ts.isSpreadAssignment(property)) return undefined;
    const name = propertyNameText(property.name);
    if (!name) return undefined;
    keys.push(name);
  }
  return keys;
}

function renameKey(object: ts.ObjectLiteralExpression, from: string, to: string): TextEdit[] {
  const property = findProperty(object, from);
  if (!property?.name) return [];
  if (ts.isShorthandPropertyAssignment(property)) return [{ range: { start: property.getStart(), end: property.getEnd() }, newText: `${to}: ${from}` }];
  return [{ range: { start: property.name.getStart(), end: property.name.getEnd() }, newText: to }];
}

/** A plain-text or string-valued message, the only content shape both APIs share unchanged. */
function isPortableMessage(object: ts.ObjectLiteralExpression): boolean {
  const keys = keysOf(object);
  if (!keys || keys.some((key) => ASSISTANTS_ONLY_MESSAGE_OPTIONS.has(key))) return false;
  const content = findProperty(object, "content");
  return !!content && !(ts.isPropertyAssignment(content) && ts.isArrayLiteralExpression(unwrap(content.initializer)));
}

function fix(title: string, edits: TextEdit[], preferred: boolean): Fix[] {
  return [{ title, edits, safe: true, preferred }];
}

export function conversationFix(call: ts.CallExpression, chain: BetaChain, context: TypeScriptFixContext, preferred: boolean): Fix[] {
  const [resource, second, third] = chain.surface;
  const args = call.arguments;
  const text = (node: ts.Node) => node.getText(context.sourceFile);
  if (resource !== "threads") return [];

  if (chain.surface.length === 2) {
    const method = second === "del" ? "delete" : second;
    if (method === "create") {
      const options = args[0] && unwrap(args[0]);
      if (options && (!ts.isObjectLiteralExpression(options) || keysOf(options)?.some((key) => ASSISTANTS_ONLY_THREAD_OPTIONS.has(key)) !== false)) return [];
      const edits = [retargetCallee(call, chain, "conversations.create"), ...(options && ts.isObjectLiteralExpression(options) ? renameKey(options, "messages", "items") : [])];
      return fix("Rewrite to conversations.create", edits, preferred);
    }
    if (method === "retrieve" || method === "delete") return args.length === 1 ? fix(`Rewrite to conversations.${method}`, [retargetCallee(call, chain, `conversations.${method}`)], preferred) : [];
    if (method === "update") {
      const options = args[1] && unwrap(args[1]);
      if (!options || !ts.isObjectLiteralExpression(options) || keysOf(options)?.join() !== "metadata") return [];
      return fix("Rewrite to conversations.update", [retargetCallee(call, chain, "conversations.update")], preferred);
    }
    return [];
  }

  if (second !== "messages" || chain.surface.length !== 3) return [];
  const method = third === "del" ? "delete" : third;
  if (method === "create" && args.length === 2) {
    const body = unwrap(args[1]);
    if (!ts.isObjectLiteralExpression(body) || !isPortableMessage(body)) return [];
    const item = `{ type: ${context.style.string("message")}, ${body.properties.map(text).join(", ")} }`;
    return fix("Rewrite to conversations.items.create", [retargetCallee(call, chain, "conversations.items.create"), { range: { start: body.getStart(), end: body.getEnd() }, newText: `{ items: [${item}] }` }], preferred);
  }
  if (method === "list" && args.length >= 1) {
    const options = args[1] && unwrap(args[1]);
    if (options && (!ts.isObjectLiteralExpression(options) || keysOf(options)?.some((key) => key === "run_id" || key === "before") !== false)) return [];
    return fix("Rewrite to conversations.items.list", [retargetCallee(call, chain, "conversations.items.list")], preferred);
  }
  if ((method === "retrieve" || method === "delete") && args.length === 2) {
    const second = unwrap(args[1]);
    const target = retargetCallee(call, chain, `conversations.items.${method}`);
    if (ts.isObjectLiteralExpression(second)) {
      // v5+: (messageId, { thread_id })
      if (keysOf(second)?.join() !== "thread_id") return [];
      return fix(`Rewrite to conversations.items.${method}`, [target, ...renameKey(second, "thread_id", "conversation_id")], preferred);
    }
    // v4: (threadId, messageId)
    return fix(`Rewrite to conversations.items.${method}`, [target, { range: { start: args[0].getStart(), end: args[1].getEnd() }, newText: `${text(args[1])}, { conversation_id: ${text(args[0])} }` }], preferred);
  }
  return [];
}

/**
 * The conversation counterpart of a thread or message call whose options do not all carry over
 * (`tool_resources`, `attachments`, a message's `metadata`, listing by `run_id`): the options that
 * map are kept and the names of the rest returned, for a TODO. For unsafe fixes only.
 */
export function lenientConversationEdits(call: ts.CallExpression, chain: BetaChain, context: TypeScriptFixContext): { edits: TextEdit[]; dropped: string[] } | undefined {
  const [resource, second, third] = chain.surface;
  const args = call.arguments;
  const text = (node: ts.Node) => node.getText(context.sourceFile);
  if (resource !== "threads") return undefined;
  const split = (object: ts.ObjectLiteralExpression, kept: ReadonlySet<string>) => {
    const keys = keysOf(object);
    if (!keys) return undefined;
    const keep = object.properties.filter((property) => kept.has(propertyNameText(property.name!)!));
    return { keep, dropped: keys.filter((key) => !kept.has(key)) };
  };
  if (chain.surface.length === 2 && (second === "create" || second === "update")) {
    const options = args[second === "create" ? 0 : 1] && unwrap(args[second === "create" ? 0 : 1]);
    if (!options || !ts.isObjectLiteralExpression(options)) return undefined;
    const parts = split(options, new Set(second === "create" ? ["messages", "metadata"] : ["metadata"]));
    if (!parts || (second === "update" && parts.keep.length === 0)) return undefined;
    const body = parts.keep.map((property) => (propertyNameText(property.name!) === "messages" ? (ts.isShorthandPropertyAssignment(property) ? "items: messages" : `items: ${text((property as ts.PropertyAssignment).initializer)}`) : text(property)));
    const newArgs = second === "create" ? (body.length ? `{ ${body.join(", ")} }` : "") : `${text(args[0])}, { ${body.join(", ")} }`;
    return { edits: [{ range: { start: chain.start, end: call.getEnd() }, newText: `${chain.receiverText}.conversations.${second}(${newArgs})` }], dropped: parts.dropped };
  }
  if (second !== "messages" || chain.surface.length !== 3) return undefined;
  if (third === "create" && args.length === 2) {
    const body = unwrap(args[1]);
    if (!ts.isObjectLiteralExpression(body)) {
      // A message passed whole: its content may hold Assistants parts (`text`, `image_file`) where an item
      // takes `input_text`, so it is a look (and where types exist, the type-check says so).
      if (!(ts.isIdentifier(body) || ts.isPropertyAccessExpression(body))) return undefined;
      const name = text(body);
      const item = `{ type: ${context.style.string("message")}, role: ${name}.role, content: ${name}.content }`;
      return { edits: [retargetCallee(call, chain, "conversations.items.create"), { range: { start: body.getStart(), end: body.getEnd() }, newText: `{ items: [${item}] }` }], dropped: [`${name}.attachments`] };
    }
    const content = findProperty(body, "content");
    const contentParts = content && ts.isPropertyAssignment(content) && ts.isArrayLiteralExpression(unwrap(content.initializer)) ? (unwrap(content.initializer) as ts.ArrayLiteralExpression) : undefined;
    const partsText = contentParts && inputPartsText(contentParts, context);
    if (contentParts && !partsText) return undefined;
    const parts = split(body, new Set(["role", "content"]));
    if (!parts) return undefined;
    const kept = parts.keep.map((property) => (property === content && partsText ? `content: ${partsText}` : text(property)));
    const item = `{ type: ${context.style.string("message")}, ${kept.join(", ")} }`;
    return { edits: [retargetCallee(call, chain, "conversations.items.create"), { range: { start: body.getStart(), end: body.getEnd() }, newText: `{ items: [${item}] }` }], dropped: parts.dropped };
  }
  if (third === "list" && args.length === 2) {
    const options = unwrap(args[1]);
    if (!ts.isObjectLiteralExpression(options)) return undefined;
    const parts = split(options, new Set(["limit", "order", "after"]));
    if (!parts) return undefined;
    const kept = parts.keep.map(text);
    return { edits: [{ range: { start: chain.start, end: call.getEnd() }, newText: `${chain.receiverText}.conversations.items.list(${text(args[0])}${kept.length ? `, { ${kept.join(", ")} }` : ""})` }], dropped: parts.dropped };
  }
  return undefined;
}

/**
 * Assistants content parts as Responses input parts: `{ type: "text", text }` is `input_text`,
 * `{ type: "image_url", image_url: { url } }` is `input_image`; undefined for any other part.
 */
function inputPartsText(parts: ts.ArrayLiteralExpression, context: TypeScriptFixContext): string | undefined {
  const quote = (value: string) => context.style.string(value);
  const rendered: string[] = [];
  for (const element of parts.elements) {
    const part = unwrap(element);
    if (!ts.isObjectLiteralExpression(part) || part.properties.length !== 2) return undefined;
    const type = findProperty(part, "type");
    const typeText = type && ts.isPropertyAssignment(type) && ts.isStringLiteralLike(type.initializer) ? type.initializer.text : undefined;
    const value = (property: ts.ObjectLiteralElementLike | undefined, name: string) => (property && ts.isPropertyAssignment(property) ? property.initializer.getText(context.sourceFile) : property && ts.isShorthandPropertyAssignment(property) ? name : undefined);
    if (typeText === "text") {
      const textValue = value(findProperty(part, "text"), "text");
      if (!textValue) return undefined;
      rendered.push(`{ type: ${quote("input_text")}, text: ${textValue} }`);
      continue;
    }
    const image = findProperty(part, "image_url");
    const imageObject = typeText === "image_url" && image && ts.isPropertyAssignment(image) ? unwrap(image.initializer) : undefined;
    const url = imageObject && ts.isObjectLiteralExpression(imageObject) && imageObject.properties.length === 1 ? value(findProperty(imageObject, "url"), "url") : undefined;
    if (!url) return undefined;
    rendered.push(`{ type: ${quote("input_image")}, image_url: ${url}, detail: ${quote("auto")} }`);
  }
  return `[${rendered.join(", ")}]`;
}
