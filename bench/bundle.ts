// A seeded, minified single-line bundle full of Assistants calls, the shape a bundler emits: one
// client at the top, then many small functions whose calls go through it. `minifiedBundle(bytes)`
// of a smaller size is a prefix of a larger one (cut at a function boundary), so "the first 1 MB"
// of the 5 MB bundle is what a smaller call returns.
// Run directly to write bench/.bundles/bundle-<MB>mb.js: `node --import tsx bench/bundle.ts 1 5`.
import * as fs from "node:fs";
import * as path from "node:path";
import { rng } from "./generate";


const HEADER = `"use strict";var O=require("openai"),c=new O.default({apiKey:process.env.OPENAI_API_KEY});`;

/** One minified function; `n` keeps names unique. Each template makes the number of Assistants calls it says. */
const TEMPLATES: Array<{ calls: number; code: (n: number) => string }> = [
  {
    calls: 4,
    code: (n) =>
      `async function a${n}(q,s){const t=await c.beta.threads.create();await c.beta.threads.messages.create(t.id,{role:"user",content:q});const r=await c.beta.threads.runs.createAndPoll(t.id,{assistant_id:s});if(r.status!=="completed")throw new Error(r.status);const m=await c.beta.threads.messages.list(t.id);return m.data[0]}`,
  },
  { calls: 1, code: (n) => `function b${n}(e){return c.beta.threads.retrieve(e)}` },
  { calls: 1, code: (n) => `async function d${n}(e,x){return(await c.beta.assistants.create({model:"gpt-4o",name:x,instructions:e})).id}` },
  { calls: 0, code: (n) => `function u${n}(e,x){for(var i=0,o=[];i<e.length;i++)o.push(e[i]*x+${n % 97});return o.join(",")}` },
  { calls: 1, code: (n) => `var k${n}=async(e)=>{await c.beta.threads.del(e);return!0};` },
];

const FILLER = {
  calls: 0,
  code: (n: number) => `var m${n}={id:${n},label:"item ${n}",tags:["a","b"],run:function(e){return e.filter(function(x){return x.id!==${n}}).map(function(x){return x.label})}};`,
};

export interface Bundle {
  text: string;
  calls: number;
}

export function minifiedBundle(targetBytes: number, seed = 20260826): Bundle {
  const random = rng(seed);
  const parts = [HEADER];
  let length = HEADER.length;
  let calls = 0;
  for (let n = 0; ; n++) {
    // Half the functions are ordinary code: about 30,000 calls in 5 MB, as in the bundle.
    const template = random() < 0.5 ? FILLER : TEMPLATES[Math.floor(random() * TEMPLATES.length)];
    const code = template.code(n);
    if (length + code.length > targetBytes) break;
    parts.push(code);
    length += code.length;
    calls += template.calls;
  }
  return { text: parts.join(""), calls };
}

if (require.main === module) {
  const dir = path.join(__dirname, ".bundles");
  fs.mkdirSync(dir, { recursive: true });
  for (const mb of process.argv.slice(2).map(Number)) {
    const bundle = minifiedBundle(mb * 1024 * 1024);
    const file = path.join(dir, `bundle-${mb}mb.js`);
    fs.writeFileSync(file, bundle.text);
    console.log(`${file}: ${bundle.text.length} bytes, ${bundle.calls} Assistants calls`);
  }
}
