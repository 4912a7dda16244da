import ts from "typescript";
import type { TextEdit } from "../../types";
import { accessedName, unwrap } from "../syntax";

export interface BetaChain {
  /** What `.beta` is read from, e.g. `client` or `this.client`. */
  receiver: ts.Expression;
  /** Names after `beta`: ["threads","messages","create"]. */
  surface: string[];
}

/** Splits `<receiver>.beta.threads.messages.create` at `.beta`; undefined when reached through an alias. */
export function betaChainOf(call: ts.CallExpression): BetaChain | undefined {
  const surface: string[] = [];
  let node: ts.Expression = unwrap(call.expression);
  while (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    const name = accessedName(node);
    if (name === undefined) return undefined;
    if (name === "beta") return { receiver: node.expression, surface };
    surface.unshift(name);
    node = unwrap(node.expression);
  }
  return undefined;
}

/** Replaces everything from after the receiver through the method name with `.newPath`. */
export function retargetCallee(call: ts.CallExpression, chain: BetaChain, newPath: string): TextEdit {
  return { range: { start: chain.receiver.getEnd(), end: call.expression.getEnd() }, newText: `.${newPath}` };
}
