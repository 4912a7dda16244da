// What a read off `messages.list` is, in terms of the reply a run just wrote, one accessor at a time.
// Right after the run, Assistants lists newest first, so the newest message, the newest assistant
// message, and the text parts of the assistant's messages are all the reply; their text is the
// response's `output_text`. Each front end spells its accessors as ReadSteps; the table is the same
// for every language.
//
//   messages            listing
//   .data               messages
//   [0] / .at(0) / .find(<assistant>)             message
//   .filter(<assistant>)                          messages
//   .content / .flatMap(m => m.content)           parts
//   [0] / .find(<text>)                           part       (.filter(<text>) stays parts)
//   .map(c => c.text.value).join(…)               text
//   .text.value                                   text

export type ReplyValue = "listing" | "messages" | "message" | "parts" | "part" | "textObject" | "texts" | "text";

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

const isMethod = (step: ReadStep, method: string): step is Extract<ReadStep, { kind: "call" }> => step.kind === "call" && step.method === method;

/** The value a read of `value` has after `step`, or undefined when the step leaves the reply behind. */
export function afterReadStep(value: ReplyValue, step: ReadStep): ReplyValue | undefined {
  switch (value) {
    case "listing":
      return step.kind === "member" && step.name === "data" ? "messages" : undefined;
    case "messages":
      if (isFirst(step) || (isMethod(step, "find") && ASSISTANT_TEST.test(step.argumentsText))) return "message";
      if (isMethod(step, "filter") && ASSISTANT_TEST.test(step.argumentsText)) return "messages";
      if (isMethod(step, "flatMap") && step.callbackReadsParts) return "parts";
      return undefined;
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
  return value === "messages" ? "message" : value === "parts" ? "part" : undefined;
}

/** `m.role === "assistant"` / `c.type === "text"` on an item: a filter the reply passes. */
export function isReplyFilter(value: ReplyValue, member: string, comparedWith: string): boolean {
  return (value === "message" && member === "role" && comparedWith === "assistant") || (value === "part" && member === "type" && comparedWith === "text");
}
