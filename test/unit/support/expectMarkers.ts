// Expected findings marked in fixtures: `<comment> expect: <rule-id>[, <rule-id>…]` on the line where
// each starts. Gives "line rule-id" strings, one per expected finding.
export function expectedOf(text: string, marker: RegExp): string[] {
  return text.split(/\r\n|\r|\n/).flatMap((line, index) => {
    const match = marker.exec(line);
    if (!match) return [];
    return match[1].split(",").map((id) => id.trim()).filter(Boolean).map((id) => `${index + 1} ${id}`);
  });
}
