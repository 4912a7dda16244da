import type { Finding, Fix } from "../../types";
import type { TypeScriptFixContext } from "./context";

/** Imports of Assistants types (`Run`, `Thread`, `Message`, `AssistantStream`) → Responses and Conversations types. */
export function typeImportFixes(_finding: Finding, _context: TypeScriptFixContext): Fix[] {
  return [];
}
