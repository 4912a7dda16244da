// Files attached to a user message (`attachments=[{"file_id": …, "tools": […]}]`, v1's `file_ids=[…]`)
// as Responses content parts: the text becomes an `input_text` part and each file an `input_file` part.
// Assistants handed the files to the assistant's tools (file search indexed them into the thread's
// vector store, the code interpreter got them in its sandbox); an `input_file` gives the file to the
// model itself, so a TODO says where the files go for those tools. Always unsafe.
//
//   content=q, attachments=[{"file_id": f, "tools": […]}] -> [{"type": "input_text", "text": q}, {"type": "input_file", "file_id": f}]
//   content=q, attachments=files                          -> [{"type": "input_text", "text": q}, *({"type": "input_file", "file_id": attachment["file_id"]} for attachment in files or [])]
//   content=q, file_ids=ids                               -> … *({"type": "input_file", "file_id": file_id} for file_id in ids or [])
import type { TextEdit } from "../../types";
import { freshName, lineEndingOf } from "../emit/nodes";
import { field, namedChildren, stringValue, type PyNode } from "../syntax";
import type { PythonCallReader } from "./pythonCalls";

export const ATTACHMENT_KEYWORDS = ["attachments", "file_ids"] as const;
const TODO = "# TODO(responses-migrate): the attached files go to the model as input_file parts; for file search put them in a vector store (the file_search tool's vector_store_ids), for the code interpreter in its container's file_ids.";

/** The content parts of a message with attached files, or why they cannot be written. */
export function attachedContent(content: PyNode, keywords: ReadonlyMap<string, PyNode>, reader: PythonCallReader): string | { reason: string } | undefined {
  const attachments = keywords.get("attachments");
  const fileIds = keywords.get("file_ids");
  if (!attachments && !fileIds) return undefined;
  if (attachments && fileIds) return { reason: "it attaches files both ways" };
  if (content.type === "list" || content.type === "dictionary") return { reason: "its content is already parts, which the attached files would have to join" };
  const q = reader.quoteAt(content) === "'" ? "'" : '"';
  const part = (id: string) => `{${q}type${q}: ${q}input_file${q}, ${q}file_id${q}: ${id}}`;
  const parts = [`{${q}type${q}: ${q}input_text${q}, ${q}text${q}: ${reader.of(content)}}`];
  const scope = reader.of(reader.parsed.root);
  if (fileIds) {
    if (fileIds.type === "list") parts.push(...namedChildren(fileIds).map((id) => part(reader.of(id))));
    else {
      const name = freshName(scope, "file_id");
      parts.push(`*(${part(name)} for ${name} in ${reader.of(fileIds)} or [])`);
    }
  } else if (attachments!.type === "list") {
    for (const attachment of namedChildren(attachments!)) {
      const id = attachment.type === "dictionary" ? namedChildren(attachment).find((pair) => pair.type === "pair" && stringValue(field(pair, "key"), reader.parsed.source) === "file_id") : undefined;
      if (!id) return { reason: "an attachment is not a dict with its file_id" };
      parts.push(part(reader.of(field(id, "value")!)));
    }
  } else {
    const name = freshName(scope, "attachment");
    parts.push(`*(${part(`${name}[${q}file_id${q}]`)} for ${name} in ${reader.of(attachments!)} or [])`);
  }
  return `[${parts.join(", ")}]`;
}

/** The TODO above the message's statement, once. */
export function attachmentsTodo(statement: PyNode, reader: PythonCallReader): TextEdit[] {
  if (reader.text.slice(0, statement.start).trimEnd().endsWith(TODO)) return [];
  return [{ range: { start: statement.start, end: statement.start }, newText: `${TODO}${lineEndingOf(reader.text)}${reader.indentOf(statement)}` }];
}
