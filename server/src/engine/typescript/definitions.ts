// In-repo assistant definitions other files can import: top-level exported consts holding an object
// with `model` and `instructions`, the shape the Assistants rewrites produce and teams keep in a
// prompts/ folder. The adapters collect them across the workspace so a run in another file can use one.
import ts from "typescript";
import { findProperty, unwrap } from "./syntax";
import { parseTypeScript } from "./extract";
import { findPythonAssistantDefinitions } from "../python/emit/assistantDefinitions";

/** `parsed`: the syntax tree of this very text, when the caller has one (the analysis parsed it). */
export function findExportedAssistantDefinitions(fileName: string, text: string, parsed?: (text: string) => ts.SourceFile | undefined): string[] {
  // Python modules export every top-level name; their definitions are dicts (python/emit/assistantDefinitions.ts).
  if (/\.pyi?$/i.test(fileName)) return findPythonAssistantDefinitions(text);
  // Cheap test first: most files are not definition files and are never parsed.
  if (!text.includes("instructions") || !text.includes("export")) return [];
  const sourceFile = parsed?.(text) ?? parseTypeScript(fileName, text);
  const names: string[] = [];
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement) || !statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const value = declaration.initializer && unwrap(declaration.initializer);
      if (ts.isIdentifier(declaration.name) && value && ts.isObjectLiteralExpression(value) && findProperty(value, "model") && findProperty(value, "instructions")) {
        names.push(declaration.name.text);
      }
    }
  }
  return names;
}
