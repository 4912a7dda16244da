// What a read off `messages.list` is, in terms of the reply a run just wrote, one accessor at a time.
// Right after the run, Assistants lists newest first, so the newest message, the newest assistant
// message, and the text parts of the assistant's messages are all the reply; their text is the
// response's `output_text`. Each front end spells its accessors as ReadSteps; the table is the same
// for every language. Which message a pick takes (the first, the last, every one) is the reply or not by
// the listing's order (listingReads.ts): `[0]` of an `order: "asc"` listing is the user's message.
//
//   messages            listing
//   .data               messages
//   [0] / .at(0) / .find(<assistant>)             message
//   .filter(<assistant>)                          messages
//   .content / .flatMap(m => m.content)           parts
//   [0] / .find(<text>)                           part       (.filter(<text>) stays parts)
//   .map(c => c.text.value).join(…)               text
//   .text.value                                   text

import { readsRunReply } from "./listingReads";

/** How the listing was asked for, and whether its thread holds this one exchange only. */
export interface ListingContext {
  order: "asc" | "desc" | undefined;
  limited: boolean;
  singleExchange: boolean;
}

/** A newest-first listing of a one-exchange thread: what the table assumes when nothing says otherwise. */
export const NEWEST_FIRST_SINGLE_EXCHANGE: ListingContext = { order: "desc", limited: false, singleExchange: true };

/** `replies`: the assistant's messages only (`.filter(m => m.role === "assistant")`). */
export type ReplyValue = "listing" | "messages" | "replies" | "message" | "parts" | "part" | "textObject" | "texts" | "text";

export type ReadStep =
  | { kind: "member"; name: string }
  | { kind: "index"; index: string }
  | {
      kind: "call";
      method: string;
      /** The arguments as written, for the predicates (`m.role === "assistant"`, `c.type === "text"`). */
      argumentsText: string;
      /** The callback maps a part to its text (`c => c.text.value`, `c => c.type === "text" ? c.text.value : ""`). */
      callbackReadsText?: boolean;
      /** The callback maps a message to its parts (`m => m.content`). */
      callbackReadsParts?: boolean;
    };

const ASSISTANT_TEST = /\brole\s*(===?|==)\s*["']assistant["']|["']assistant["']\s*(===?|==)/;
const TEXT_TEST = /\btype\s*(===?|==)\s*["']text["']|["']text["']\s*(===?|==)/;

const isFirst = (step: ReadStep): boolean =>
  (step.kind === "index" && step.index.trim() === "0") || (step.kind === "call" && step.method === "at" && step.argumentsText.trim() === "0");

const isLast = (step: ReadStep): boolean =>
  (step.kind === "index" && /\.length\s*-\s*1$/.test(step.index.trim())) || (step.kind === "call" && step.method === "at" && step.argumentsText.replace(/\s/g, "") === "-1");

const isMethod = (step: ReadStep, method: string): step is Extract<ReadStep, { kind: "call" }> => step.kind === "call" && step.method === method;

/** The value a read of `value` has after `step`, or undefined when the step leaves the reply behind. */
export function afterReadStep(value: ReplyValue, step: ReadStep, listing: ListingContext = NEWEST_FIRST_SINGLE_EXCHANGE): ReplyValue | undefined {
  const takesReply = (picks: "first" | "last" | "all", assistantOnly: boolean) => readsRunReply({ order: listing.order, limited: listing.limited, picks, reversed: false, assistantOnly }, listing.singleExchange);
  switch (value) {
    case "listing":
      return step.kind === "member" && step.name === "data" ? "messages" : undefined;
    case "messages":
    case "replies": {
      const assistantOnly = value === "replies" || (step.kind === "call" && ASSISTANT_TEST.test(step.argumentsText));
      if (isFirst(step) || (isMethod(step, "find") && assistantOnly)) return takesReply("first", assistantOnly) ? "message" : undefined;
      if (isLast(step)) return takesReply("last", assistantOnly) ? "message" : undefined;
      if (isMethod(step, "filter") && assistantOnly) return "replies";
      // Every assistant message is the reply only in a thread holding this one exchange.
      if (value === "replies" && isMethod(step, "flatMap") && step.callbackReadsParts) return takesReply("all", true) ? "parts" : undefined;
      return undefined;
    }
    case "message":
      return step.kind === "member" && step.name === "content" ? "parts" : undefined;
    case "parts":
      if (isFirst(step) || (isMethod(step, "find") && TEXT_TEST.test(step.argumentsText))) return "part";
      if (isMethod(step, "filter") && TEXT_TEST.test(step.argumentsText)) return "parts";
      if (isMethod(step, "map") && step.callbackReadsText) return "texts";
      return undefined;
    case "part":
      return step.kind === "member" && step.name === "text" ? "textObject" : undefined;
    case "textObject":
      return step.kind === "member" && step.name === "value" ? "text" : undefined;
    case "texts":
      return isMethod(step, "join") ? "text" : undefined;
    case "text":
      return undefined;
  }
}

/** Values that stand for "the reply, if there is one": testing them is testing for reply text. */
export function isReplyHolder(value: ReplyValue): boolean {
  return value === "message" || value === "part" || value === "parts";
}

/** What one item of a loop over `value` is (`for (const m of messages.data)`), if the loop walks the reply. */
export function itemOf(value: ReplyValue): ReplyValue | undefined {
  return value === "messages" || value === "replies" ? "message" : value === "parts" ? "part" : undefined;
}

/** Whether a loop over `value` that picks (`first`: returns or breaks; `all`: keeps every match) takes the reply. */
export function loopTakesReply(value: ReplyValue, picks: "first" | "all", assistantOnly: boolean, listing: ListingContext): boolean {
  if (value !== "messages" && value !== "replies") return true;
  return readsRunReply({ order: listing.order, limited: listing.limited, picks, reversed: false, assistantOnly: assistantOnly || value === "replies" }, listing.singleExchange);
}

/** `m.role === "assistant"` / `c.type === "text"` on an item: a filter the reply passes. */
export function isReplyFilter(value: ReplyValue, member: string, comparedWith: string): boolean {
  return (value === "message" && member === "role" && comparedWith === "assistant") || (value === "part" && member === "type" && comparedWith === "text");
}
