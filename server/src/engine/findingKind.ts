// Which part of a migration a finding belongs to, for the "Responses Migration" view: threads, runs,
// assistants, streams, tool loops, pitfalls. Read from the rule id and the rule's own message, which
// names the Assistants method first (`beta.threads.runs.createAndPoll` no longer works ...).
export type MigrationKind = "threads" | "runs" | "assistants" | "streams" | "tool loops" | "pitfalls";

export const MIGRATION_KINDS: readonly MigrationKind[] = ["threads", "runs", "assistants", "streams", "tool loops", "pitfalls"];

export function migrationKindOf(ruleId: string, message: string): MigrationKind {
  if (ruleId === "sequential-tool-loop" || ruleId === "unbounded-tool-concurrency") return "tool loops";
  if (ruleId !== "no-assistants-api") return "pitfalls";
  if (message.startsWith("Assistant definition stub")) return "assistants";
  if (message.startsWith("Migration left a step")) return "pitfalls";
  const named = /^`([^`]+)`/.exec(message)?.[1] ?? "";
  if (/stream/i.test(named)) return "streams";
  if (named.startsWith("beta.threads.runs") || /\bRun/.test(named)) return "runs";
  if (named.startsWith("beta.threads") || /\b(Thread|Message)/.test(named)) return "threads";
  return "assistants";
}
