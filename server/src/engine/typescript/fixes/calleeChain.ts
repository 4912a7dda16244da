import ts from "typescript";
import type { TextEdit } from "../../types";
import type { OpenAIBindings } from "../bindings";
import { accessedName, unwrap } from "../syntax";

export interface BetaChain {
  /** What `.beta` is read from, e.g. `client` or `this.client`. */
  receiver: ts.Expression;
  /** The receiver as it can be written at the call site. */
  receiverText: string;
  /** Where a rewrite of the callee starts: the receiver, or the alias standing for `<receiver>.beta…`. */
  start: number;
  /** Names after `beta`: ["threads","messages","create"]. */
  surface: string[];
}

/** A receiver that can be written again at the call site without running anything twice. */
function isRepeatable(receiver: ts.Expression): boolean {
  const inner = unwrap(receiver);
  return ts.isIdentifier(inner) || (ts.isPropertyAccessExpression(inner) && inner.expression.kind === ts.SyntaxKind.ThisKeyword);
}

/**
 * Splits `<receiver>.beta.threads.messages.create` at `.beta`. Through an alias
 * (`const runs = client.beta.threads.runs; runs.create()`) the receiver is the alias's client.
 */
export function betaChainOf(call: ts.CallExpression, bindings: OpenAIBindings): BetaChain | undefined {
  const surface: string[] = [];
  const start = call.expression.getStart();
  let node: ts.Expression = unwrap(call.expression);
  let viaAlias = false;
  for (let hops = 0; hops < 8; ) {
    const name = ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) ? accessedName(node) : undefined;
    if (name === "beta") {
      const receiver = (node as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression;
      if (viaAlias && !isRepeatable(receiver)) return undefined;
      const receiverText = receiver.getText();
      return viaAlias ? { receiver, receiverText, start, surface } : { receiver, receiverText, start: receiver.getStart(), surface };
    }
    const aliased = bindings.aliasedExpression(node);
    if (aliased) {
      node = unwrap(aliased);
      viaAlias = true;
      hops++;
      continue;
    }
    if (name === undefined) return undefined;
    surface.unshift(name);
    node = unwrap((node as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression);
  }
  return undefined;
}

/** Replaces the callee, receiver through method name, with `<receiver>.newPath`. */
export function retargetCallee(call: ts.CallExpression, chain: BetaChain, newPath: string): TextEdit {
  return { range: { start: chain.start, end: call.expression.getEnd() }, newText: `${chain.receiverText}.${newPath}` };
}
