import type { InvalidCase } from "./ruleTester";
import { on } from "./ranges";

/** An invalid case whose errors are given as [line, flagged text, message fragment?]. */
export function inv(code: string, ...errors: Array<[number, string, string?]>): InvalidCase {
  return { code, errors: errors.map(([line, snippet, messageIncludes]) => on(code, line, snippet, messageIncludes ? { messageIncludes } : {})) };
}

export function invIn(filename: string, code: string, ...errors: Array<[number, string, string?]>): InvalidCase {
  return { ...inv(code, ...errors), filename };
}

export const IMPORT = 'import OpenAI from "openai";\nconst openai = new OpenAI();\n';
