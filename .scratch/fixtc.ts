import { readFileSync } from "node:fs";
import { fixAll } from "../server/src/engine";
import { typeCheckerFor } from "../server/src/cli/typeCheck";
const [target, textFile] = process.argv.slice(2);
const check = typeCheckerFor(target)!;
const text = readFileSync(textFile, "utf8");
const r = fixAll(target, text, { unsafe: true, typeCheck: (t) => { const e = check(t); console.error("CHECK", e.length, e.map((x) => x.slice(0, 90))); return e; } });
console.error(r.heldBack);
console.log(r.text);
