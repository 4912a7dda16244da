import { readFileSync } from "node:fs";
import { typeCheckerFor } from "../server/src/cli/typeCheck";
const [target, textFile] = process.argv.slice(2);
const check = typeCheckerFor(target)!;
console.log(check(readFileSync(textFile, "utf8")).join("\n") || "OK");
