// Turns file bytes into analysable text, or says plainly why not. Editors strip the BOM, so positions
// are computed on the text without it.

export type DecodeResult = { text: string; encoding: "utf-8" | "latin1" } | { skipReason: string };

const BINARY_SNIFF_BYTES = 8000;
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export function decodeSource(bytes: Uint8Array): DecodeResult {
  const sniffLength = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < sniffLength; i++) {
    if (bytes[i] === 0) return { skipReason: "binary file (contains NUL bytes)" };
  }
  try {
    return { text: strictUtf8.decode(bytes), encoding: "utf-8" };
  } catch {
    // Not UTF-8: Latin-1 maps every byte to one character, so code written in ASCII still analyses
    // with correct positions.
    return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1"), encoding: "latin1" };
  }
}
