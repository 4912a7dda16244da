import ts from "typescript";
import type { ApiCall, ResponseRequest } from "../facts";
import type { OpenAIBindings } from "./bindings";

export function findResponseRequests(_sourceFile: ts.SourceFile, _bindings: OpenAIBindings, _calls: ApiCall[], _nodes: Map<ApiCall, ts.CallExpression>): ResponseRequest[] {
  return [];
}
