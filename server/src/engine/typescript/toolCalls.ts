import ts from "typescript";
import type { ToolBatch, ToolLoop } from "../facts";
import type { OpenAIBindings } from "./bindings";

export function findToolCallUsage(_sourceFile: ts.SourceFile, _bindings: OpenAIBindings): { toolLoops: ToolLoop[]; toolBatches: ToolBatch[] } {
  return { toolLoops: [], toolBatches: [] };
}
