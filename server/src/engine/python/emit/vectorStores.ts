// no-beta-vector-stores: `client.beta.vector_stores.x` -> `client.vector_stores.x` (openai 1.66: same
// methods at the top level). Safe. Deletes only the `beta.` segment of the callee (or of its alias).
import type { Fix, TextEdit } from "../../types";
import { attributeName, field, unwrap, type PyNode } from "../syntax";
import type { PythonFixContext } from "./index";
import { nodeAt } from "./nodes";

function dropBetaEdit(expression: PyNode, context: PythonFixContext): TextEdit | undefined {
  const source = context.parsed.source;
  for (let node = unwrap(expression, source); node.type === "attribute"; node = unwrap(field(node, "object")!, source)) {
    const receiver = field(node, "object")!;
    if (attributeName(node, source) === "vector_stores" && receiver.type === "attribute" && attributeName(receiver, source) === "beta") {
      const beta = field(receiver, "attribute")!;
      const range = { start: beta.start, end: field(node, "attribute")!.start };
      return /^beta\s*\.\s*$/.test(context.text.slice(range.start, range.end)) ? { range, newText: "" } : undefined;
    }
  }
  return undefined;
}

/** `stores = client.beta.vector_stores` used as `stores.create(...)`: the alias is fixed once. */
function aliasEdit(callee: PyNode, context: PythonFixContext): TextEdit | undefined {
  let root = callee;
  while (root.type === "attribute") root = unwrap(field(root, "object")!, context.parsed.source);
  if (root.type !== "identifier") return undefined;
  for (const value of context.parsed.bindings.valuesOf(root)) {
    const edit = dropBetaEdit(value, context);
    if (edit) return edit;
  }
  return undefined;
}

export function betaVectorStoreFixes(finding: { range: { start: number; end: number } }, context: PythonFixContext): Fix[] {
  const callee = nodeAt(context.parsed.root, finding.range);
  if (!callee) return [];
  const edit = dropBetaEdit(callee, context) ?? aliasEdit(callee, context);
  return edit ? [{ title: "Use `vector_stores` (drop `beta.`)", edits: [edit], safe: true, preferred: true }] : [];
}
