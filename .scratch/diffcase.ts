import { readFileSync } from "node:fs";
import { analyzeText, fixAll } from "../server/src/engine";
const [file, strategy, unsafe] = process.argv.slice(2);
const text = readFileSync(file, "utf8");
const a = analyzeText(file, text, { onlyRules: ["no-assistants-api"], fix: { stateStrategy: (strategy || "auto") as any } });
for (const f of a.findings) console.error(text.slice(0, f.range.start).split("\n").length, f.message.slice(0, 200), f.fixes.map((x) => `${x.preferred ? "*" : ""}${x.safe ? "safe " : ""}${x.title}`));
process.stdout.write(fixAll(file, text, { unsafe: unsafe !== "safe", onlyRules: ["no-assistants-api"], fix: { stateStrategy: (strategy || "auto") as any } }).text);
