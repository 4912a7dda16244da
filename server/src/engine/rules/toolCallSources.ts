import type { ToolCallSource } from "../facts";

export const TOOL_CALL_SOURCE_NAMES: Record<ToolCallSource, string> = {
  "assistants-required-action": "the run's tool calls",
  "responses-function-call": "the response's function calls",
  "chat-tool-calls": "the message's tool calls",
};
