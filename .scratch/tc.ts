import { readFileSync } from "node:fs";
import path from "node:path";
import { typecheck } from "../test/unit/support/typecheck";
const files = Object.fromEntries(process.argv.slice(2).map((f) => [path.basename(f), readFileSync(f, "utf8")]));
console.log(typecheck(files).join("\n") || "OK");
