// The Python parser: tree-sitter's Python grammar compiled to WebAssembly, run by web-tree-sitter, so
// the extension needs no Python. Both WASM files ship beside the bundles in dist/ and are compiled on
// first use. WebAssembly compiles asynchronously, so adapters `await ensurePythonParser()` once before
// they analyse Python; the engine's analysis stays synchronous after that.
import * as fs from "node:fs";
import * as path from "node:path";
import { Language, Parser, type Node as TreeSitterNode } from "web-tree-sitter";

/** One node of a parsed file, copied out of WebAssembly memory so it can be walked freely. */
export interface PyNode {
  type: string;
  /** UTF-16 offsets into the parsed text. */
  start: number;
  end: number;
  named: boolean;
  /** The grammar's field name for this node in its parent (`function`, `arguments`, `left`…). */
  field?: string;
  children: PyNode[];
  parent?: PyNode;
}

const RUNTIME_WASM = "tree-sitter.wasm";
const GRAMMAR_WASM = "tree-sitter-python.wasm";

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** dist/ in the bundles; node_modules when the sources run directly (tests). */
function wasmPath(file: string, packageName: string): string {
  const beside = path.join(__dirname, file);
  if (fs.existsSync(beside)) return beside;
  return require.resolve(`${packageName}/${file}`);
}

/** Loads the parser once; later calls return the same promise. */
export function ensurePythonParser(): Promise<void> {
  loading ??= (async () => {
    await Parser.init({ locateFile: () => wasmPath(RUNTIME_WASM, "web-tree-sitter") });
    const language = await Language.load(fs.readFileSync(wasmPath(GRAMMAR_WASM, "tree-sitter-python")));
    const created = new Parser();
    created.setLanguage(language);
    parser = created;
  })();
  return loading;
}

export function isPythonParserReady(): boolean {
  return parser !== undefined;
}

export interface ParsedPython {
  root: PyNode;
  /** The grammar found syntax errors (the rest of the file is still in the tree). */
  hasErrors: boolean;
}

/** Parses `text`; undefined until ensurePythonParser has finished. */
export function parsePython(text: string): ParsedPython | undefined {
  if (!parser) return undefined;
  const tree = parser.parse(text);
  if (!tree) return undefined;
  try {
    return { root: copyTree(tree.rootNode), hasErrors: tree.rootNode.hasError };
  } finally {
    tree.delete();
  }
}

/** Copies the tree with one cursor walk (no recursion: deeply nested files cannot overflow the stack). */
function copyTree(rootNode: TreeSitterNode): PyNode {
  const cursor = rootNode.walk();
  const root: PyNode = { type: cursor.nodeType, start: cursor.startIndex, end: cursor.endIndex, named: cursor.nodeIsNamed, children: [] };
  let current = root;
  try {
    for (;;) {
      if (cursor.gotoFirstChild()) {
        current = appendChild(current, cursor);
        continue;
      }
      for (;;) {
        if (cursor.gotoNextSibling()) {
          current = appendChild(current.parent!, cursor);
          break;
        }
        if (!cursor.gotoParent()) return root;
        current = current.parent!;
      }
    }
  } finally {
    cursor.delete();
  }
}

function appendChild(parent: PyNode, cursor: ReturnType<TreeSitterNode["walk"]>): PyNode {
  const node: PyNode = {
    type: cursor.nodeType,
    start: cursor.startIndex,
    end: cursor.endIndex,
    named: cursor.nodeIsNamed,
    field: cursor.currentFieldName ?? undefined,
    children: [],
    parent,
  };
  parent.children.push(node);
  return node;
}
