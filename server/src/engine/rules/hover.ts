import type { Replacement } from "../assistantsSurface";

export function beforeAfterHover(headline: string, example: Pick<Replacement, "before" | "after">): string {
  return [headline, "", "```ts", `// before`, example.before, `// after`, example.after, "```"].join("\n");
}
