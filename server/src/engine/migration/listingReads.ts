// Which message a read of a thread's listing picks, and whether that is the reply of the run just
// before it (so it reads `response.output_text`) or the thread's history (so it reads conversation
// items). Language-neutral: a front end says how the read walks the listing, this says what it gets.
// Both `messages.list` and `conversations.items.list` list newest first unless `order="asc"`.

export interface ListingRead {
  /** The listing's `order=`: "desc" (also the default) or "asc"; undefined when not a literal. */
  order: "asc" | "desc" | undefined;
  /** A `limit=` is passed: the listing may stop short of the oldest message. */
  limited: boolean;
  /**
   * How the read walks it: `first` (index 0, or a loop that stops at its first match), `last` (index
   * -1, or a loop whose last match overwrites the earlier ones), `all` (a loop that uses every match).
   */
  picks: "first" | "last" | "all";
  /** Walked back to front (`reversed(...)`). */
  reversed: boolean;
  /** Only the assistant's messages are taken (`if m.role == "assistant"`). */
  assistantOnly: boolean;
}

/**
 * The read takes the run's reply: the newest message (the run wrote it last), or, in a thread that
 * holds only this one exchange (`singleExchange`: created in the function, run once), the assistant's
 * messages whichever way they are walked.
 */
export function readsRunReply(read: ListingRead, singleExchange: boolean): boolean {
  if (read.order === undefined) return false;
  // A limited page listed oldest first may stop before the reply.
  if (read.limited && read.order === "asc") return false;
  if (read.assistantOnly && singleExchange) return true;
  const newestFirst = (read.order === "desc") !== read.reversed;
  if (read.picks === "first") return newestFirst;
  if (read.picks === "last") return !newestFirst;
  return false;
}
