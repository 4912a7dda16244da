import type ts from "typescript";
import type { Fix } from "../../types";
import type { BetaChain } from "./calleeChain";
import type { TypeScriptFixContext } from "./context";

/** `runs.stream`, `runs.createAndStream`, `threads.createAndRunStream` → `responses.stream`. */
export function streamFixes(_call: ts.CallExpression, _chain: BetaChain, _context: TypeScriptFixContext): Fix[] {
  return [];
}
