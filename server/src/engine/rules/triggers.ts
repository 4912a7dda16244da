// Text-level checks that rule out, before parsing, files where a rule cannot find anything. Each one
// over-approximates what the binding resolver (typescript/bindings.ts) can turn into a path step, so
// ordinary code that merely says "beta" or "responses" (a smoothing factor, a list of HTTP
// responses) is not parsed, while every form the resolver follows still is.

/**
 * Text in which `name` can become a step of a resolved client path: a property access (`x.name`,
 * `x?.name`, `x["name"]`), the root of an access (`name.y`, `name?.y`, `name[…]`, `name!.y`,
 * `(name).y`, `(name as T)`, `<T>name`), a destructured property (`{ name }`, `{ name: n }`,
 * `{ a, name = d }` in a declaration) or the whole value of an alias (`const n = name;`,
 * `this.n = x.name`).
 */
export function pathStepPattern(name: string, methods?: readonly string[]): { test(text: string): boolean } {
  const word = `\\b${name}\\b`;
  // When the rule only cares about a call `….name.method(…)`, a bare access `name.other` is no step.
  const access = methods ? `\\s*(?:\\?\\.|!?\\.)\\s*(?:${methods.join("|")})\\b` : `\\s*(?:\\?\\.|!?\\.)`;
  const loose = new RegExp(
    [
      `\\.\\s*${name}\\b${methods ? `(?!\\s*(?:\\?\\.|!?\\.)\\s*[A-Za-z_$])` : ""}`,
      `${word}${access}`,
      `${word}\\s*(?:\\?\\.)?\\[`,
      `${word}\\s*!\\s*(?:[.;,)}\\]]|$)`,
      `\\(\\s*${name}\\s*\\)`,
      `${word}\\s+(?:as|satisfies)\\b`,
      `>\\s*${name}\\b`,
      `["'\`]${name}["'\`]`,
      `[{,]\\s*${name}\\s*[,}:]`,
      `=\\s*${name}\\s*(?:[;,)}\\]/]|$)`,
    ].join("|"),
    "m",
  );
  // `{ a, name = d }` is a step only inside a destructuring declaration; `(alpha = 0.5, name = 0.3)`
  // in a parameter list is none.
  const withDefault = new RegExp(`[{,]\\s*${name}\\s*=(?![=>])`);
  const destructuring = /\b(?:const|let|var)\s*\{/;
  return { test: (text) => loose.test(text) || (withDefault.test(text) && destructuring.test(text)) };
}

/** `beta` as a step of a client path: every Assistants and `beta.vectorStores` call goes through one. */
export const BETA_STEP = pathStepPattern("beta");

/** `responses` as the step before `create`/`stream`/`parse`, or as an alias of the resource. */
export const RESPONSES_REQUEST_STEP = pathStepPattern("responses", ["create", "stream", "parse"]);

/** A string literal `"function"` (`type: "function"` of a tool). */
export const FUNCTION_LITERAL = /["'`]function["'`]/;

/** A string literal `"tool"` (`role: "tool"` of a chat message). */
export const TOOL_LITERAL = /["'`]tool["'`]/;
