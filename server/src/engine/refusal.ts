// A refused thread's reason, carried by each of its findings once their fixes are computed: in the
// message (CLI listings), the hover, and `refusal` (the editor's disabled code action).
import type { Finding } from "./types";

export function noteRefusal(finding: Finding, refusal: string): void {
  if (finding.refusal === refusal) return;
  finding.refusal = refusal;
  finding.message += ` (${refusal})`;
  // Without hover markdown the editor shows the message, which now says it.
  if (finding.hover) finding.hover = `${finding.hover}\n\n${refusal}`;
}
