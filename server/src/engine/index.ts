// The engine's public surface. Pure: no LSP, no VS Code, no I/O beyond what callers hand in.
export * from "./types";
export { analyzeFile, analyzeText, computeFixes, openFileFixSession, openFixSession, DEFAULT_MAX_FILE_SIZE } from "./analyze";
export { takeSyntaxTree, type FixSession } from "./fixSession";
export { commentPrefixOf, isSupportedFile, languageOf, SUPPORTED_EXTENSIONS } from "./languages";
export { ensurePythonParser, isPythonParserReady } from "./python/parser";
export { RULES, ruleById } from "./rules";
export type { Rule } from "./rules/rule";
export { LineIndex } from "./text/lineIndex";
export { ruleDocsPath } from "./docs";
export { addedErrors, applyNonOverlapping, fixAll, minimalEdit, type FixAllOptions, type FixAllResult } from "./fixes/applyFixes";
export { findExportedAssistantDefinitions } from "./typescript/definitions";
