// The Assistants stream events with a Responses event that means the same, for every language's
// stream rewrite (TypeScript: ../typescript/fixes/streamEvents.ts, Python: ../python/migration/eventReads.ts).
export const TEXT_DELTA_EVENT = "thread.message.delta";

/** Assistants stream event names with a Responses event that means the same. */
export const EVENT_NAMES: Readonly<Record<string, string>> = {
  "thread.run.created": "response.created",
  "thread.run.queued": "response.queued",
  "thread.run.in_progress": "response.in_progress",
  "thread.run.completed": "response.completed",
  "thread.run.incomplete": "response.incomplete",
  "thread.run.failed": "response.failed",
  [TEXT_DELTA_EVENT]: "response.output_text.delta",
  error: "error",
};
