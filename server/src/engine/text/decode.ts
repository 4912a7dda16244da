// Turns file bytes into analysable text, or says plainly why not. Editors strip the BOM, so positions
// are computed on the text without it.
import { isAscii } from "node:buffer";

export type DecodeResult = { text: string; encoding: "utf-8" | "latin1" } | { skipReason: string };

const BINARY_SNIFF_BYTES = 8000;
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export function decodeSource(bytes: Uint8Array): DecodeResult {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.subarray(0, BINARY_SNIFF_BYTES).indexOf(0) !== -1) return { skipReason: "binary file (contains NUL bytes)" };
  // Most source files are plain ASCII, which is valid UTF-8 that decodes to one character per byte:
  // copying the bytes (what Latin-1 decoding does) gives the same string, without validating them.
  if (isAscii(buffer)) return { text: buffer.toString("latin1"), encoding: "utf-8" };
  try {
    return { text: strictUtf8.decode(bytes), encoding: "utf-8" };
  } catch {
    // Not UTF-8: Latin-1 maps every byte to one character, so code written in ASCII still analyses
    // with correct positions.
    return { text: buffer.toString("latin1"), encoding: "latin1" };
  }
}
