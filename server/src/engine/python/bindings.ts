// What names mean in a Python file: which refer to the client classes (`OpenAI`, `AsyncOpenAI`, the
// Azure ones, under any alias), which hold a client (`client = OpenAI()`, `self.client`, a parameter
// or dataclass field annotated with a client class, `with OpenAI() as client`), and which hold part of
// one (`threads = client.beta.threads`). Names follow Python's function scopes; `self.x` keys are
// file-wide, which lets attributes set in `__init__` resolve in every method.
import type { BetaImport } from "../facts";
import { alternatives, attributeName, field, forEachDescendant, isFunction, namedChildren, rangeOf, type PyNode, type SourceText, unwrap } from "./syntax";

const CLIENT_CLASSES = new Set(["OpenAI", "AsyncOpenAI", "AzureOpenAI", "AsyncAzureOpenAI", "Client", "AsyncClient"]);
const EVENT_HANDLER = "AssistantEventHandler";

/** Where an expression leads inside the client: `known` when its root is a recognised client. */
export interface ClientPath {
  known: boolean;
  path: readonly string[];
}

interface Declaration {
  name: string;
  client: boolean;
  /** Every value assigned to the name in its scope, in source order. */
  values: PyNode[];
}

/** Which Assistants names an import from `module` brings in, or undefined when the module is not Assistants'. */
function assistantsNamesFrom(module: string, names: readonly string[]): string[] | undefined {
  if (/^openai\.types\.beta\.(threads|assistant|thread)/.test(module) || module === "openai.lib.streaming._assistants") return [...names];
  const pattern =
    module === "openai.types.beta" ? /^(Assistant|Thread|Run|Message|CodeInterpreter|FileSearch|FunctionTool)/ : module === "openai.lib.streaming" || module === "openai" ? /^Assistant(EventHandler|StreamManager|Stream)/ : undefined;
  if (!pattern) return undefined;
  const matched = names.filter((name) => pattern.test(name));
  return matched.length > 0 ? matched : undefined;
}

export class PythonBindings {
  readonly clientClasses = new Set<string>();
  /** Names bound to the `openai` module: `import openai`, `import openai as oai`. */
  readonly moduleNames = new Set<string>();
  /** Functions that return a client (annotated `-> OpenAI`, or `return OpenAI()`). */
  readonly clientFactories = new Set<string>();
  readonly betaImports: BetaImport[] = [];
  /** Names that mean `AssistantEventHandler` (imported or `openai.AssistantEventHandler`). */
  private readonly eventHandlerNames = new Set<string>();
  private readonly clientKeys = new Set<string>();
  private readonly aliasKeys = new Map<string, PyNode>();
  private readonly scopes = new Map<PyNode, Map<string, Declaration>>();
  private readonly resolved = new Map<Declaration | string, ClientPath | undefined>();
  /** Calls, loops and other nodes the extractors need, gathered in the same walk. */
  readonly calls: PyNode[] = [];
  readonly loops: PyNode[] = [];
  readonly functions: PyNode[] = [];
  readonly typedParameters: PyNode[] = [];

  constructor(
    private readonly root: PyNode,
    private readonly source: SourceText,
  ) {
    // Imports first: a client may be constructed above the import that names its class (in a function).
    forEachDescendant(root, (node) => {
      if (node.type === "import_statement" || node.type === "import_from_statement") this.collectImport(node);
    });
    forEachDescendant(root, (node) => {
      this.collect(node);
    });
  }

  private collectImport(node: PyNode): void {
    if (node.type === "import_statement") {
      for (const item of namedChildren(node)) {
        const dotted = item.type === "aliased_import" ? field(item, "name")! : item;
        const module = this.source.of(dotted);
        if (module === "openai") this.moduleNames.add(item.type === "aliased_import" ? this.source.of(field(item, "alias")!) : "openai");
        else if (assistantsNamesFrom(module, [""]) !== undefined || /^openai\.types\.beta\.(threads|assistant)/.test(module)) this.betaImports.push({ module, names: [], range: rangeOf(dotted) });
      }
      return;
    }
    const moduleNode = field(node, "module_name");
    if (!moduleNode) return;
    const module = this.source.of(moduleNode);
    const imported = node.children.filter((child) => child.field === "name");
    const pairs = imported.map((item) => {
      const name = item.type === "aliased_import" ? this.source.of(field(item, "name")!) : this.source.of(item);
      const local = item.type === "aliased_import" ? this.source.of(field(item, "alias")!) : name;
      return { name, local, node: item };
    });
    if (module === "openai") {
      for (const { name, local } of pairs) {
        if (CLIENT_CLASSES.has(name)) this.clientClasses.add(local);
        if (name === EVENT_HANDLER) this.eventHandlerNames.add(local);
      }
    }
    const names = assistantsNamesFrom(module, pairs.map((pair) => pair.name));
    if (!names) return;
    if (module === "openai" || module === "openai.lib.streaming") {
      for (const pair of pairs) if (names.includes(pair.name)) this.betaImports.push({ module, names: [pair.name], range: rangeOf(pair.node) });
      for (const pair of pairs) if (pair.name === EVENT_HANDLER) this.eventHandlerNames.add(pair.local);
    } else {
      this.betaImports.push({ module, names, range: rangeOf(moduleNode) });
    }
  }

  private collect(node: PyNode): void {
    switch (node.type) {
      case "call":
        this.calls.push(node);
        break;
      case "for_statement":
      case "while_statement":
        this.loops.push(node);
        break;
      case "function_definition":
        this.functions.push(node);
        this.collectFunction(node);
        break;
      case "class_definition":
        this.collectClass(node);
        break;
      case "assignment":
        this.collectAssignment(node);
        break;
      case "named_expression": {
        const name = field(node, "name");
        const value = field(node, "value");
        if (name && value) this.assign(name, value, undefined);
        break;
      }
      case "with_item": {
        const value = field(node, "value");
        if (value?.type === "as_pattern") {
          const target = namedChildren(field(value, "alias") ?? value).find((child) => child.type === "identifier") ?? field(value, "alias");
          const entered = namedChildren(value)[0];
          if (target && entered && this.isClientConstruction(entered)) this.declare(target).client = true;
        }
        break;
      }
    }
  }

  private collectFunction(node: PyNode): void {
    const name = field(node, "name");
    const returnType = field(node, "return_type");
    if (name && returnType && this.isClientType(returnType)) this.clientFactories.add(this.source.of(name));
    else if (name) {
      forEachDescendant(field(node, "body") ?? node, (inner) => {
        if (isFunction(inner)) return false;
        if (inner.type === "return_statement") {
          const value = namedChildren(inner)[0];
          if (value && this.isClientConstruction(value)) this.clientFactories.add(this.source.of(name));
        }
      });
    }
    for (const parameter of namedChildren(field(node, "parameters") ?? node)) {
      const identifier = parameter.type === "identifier" ? parameter : parameter.type === "typed_parameter" ? namedChildren(parameter).find((c) => c.type === "identifier") : field(parameter, "name");
      if (!identifier || identifier.type !== "identifier") continue;
      const declaration = this.declareIn(node, this.source.of(identifier));
      const type = field(parameter, "type");
      const value = field(parameter, "value");
      if (type) this.typedParameters.push(parameter);
      if ((type && this.isClientType(type)) || (value && this.isClientConstruction(value))) declaration.client = true;
    }
  }

  private collectClass(node: PyNode): void {
    const superclasses = field(node, "superclasses");
    for (const base of superclasses ? namedChildren(superclasses) : []) {
      const name = base.type === "identifier" ? this.source.of(base) : undefined;
      const viaModule = base.type === "attribute" && attributeName(base, this.source) === EVENT_HANDLER;
      if ((name && this.eventHandlerNames.has(name)) || viaModule) this.betaImports.push({ module: "openai", names: [EVENT_HANDLER], range: rangeOf(base) });
    }
  }

  private collectAssignment(node: PyNode): void {
    const left = field(node, "left");
    const right = field(node, "right");
    const type = field(node, "type");
    if (!left) return;
    // A field annotated in a class body (dataclass, pydantic, attrs) is an attribute of every instance.
    const inClassBody = node.parent?.type === "expression_statement" && node.parent.parent?.type === "block" && node.parent.parent.parent?.type === "class_definition";
    if (left.type === "identifier" && inClassBody) {
      const key = `self.${this.source.of(left)}`;
      if ((type && this.isClientType(type)) || (right && this.isClientConstruction(right))) this.clientKeys.add(key);
      return;
    }
    if (left.type === "identifier") {
      this.assign(left, right, type);
    } else if (left.type === "attribute") {
      const key = this.keyOf(left);
      if (!key) return;
      if ((type && this.isClientType(type)) || (right && this.isClientConstruction(right))) this.clientKeys.add(key);
      else if (right && !this.aliasKeys.has(key)) this.aliasKeys.set(key, right);
    } else if (left.type === "pattern_list" || left.type === "tuple_pattern") {
      for (const target of namedChildren(left)) if (target.type === "identifier") this.declare(target);
    }
  }

  private assign(target: PyNode, value: PyNode | undefined, type: PyNode | undefined): void {
    const declaration = this.declare(target);
    if (type && this.isClientType(type)) declaration.client = true;
    if (!value) return;
    if (this.isClientConstruction(value)) declaration.client = true;
    else declaration.values.push(value);
  }

  /** The scope a name assigned at `node` belongs to: its function, else the module. */
  private scopeOf(node: PyNode): PyNode {
    for (let current = node.parent; current; current = current.parent) {
      if (isFunction(current) || current.type === "module") return current;
    }
    return this.root;
  }

  private declare(identifier: PyNode): Declaration {
    return this.declareIn(this.scopeOf(identifier), this.source.of(identifier));
  }

  private declareIn(scope: PyNode, name: string): Declaration {
    let names = this.scopes.get(scope);
    if (!names) this.scopes.set(scope, (names = new Map()));
    let declaration = names.get(name);
    if (!declaration) names.set(name, (declaration = { name, client: false, values: [] }));
    return declaration;
  }

  private declarationAt(identifier: PyNode): Declaration | undefined {
    const name = this.source.of(identifier);
    for (let current = identifier.parent; current; current = current.parent) {
      if (isFunction(current) || current.type === "module") {
        const found = this.scopes.get(current)?.get(name);
        if (found) return found;
      }
    }
    return undefined;
  }

  /** The values assigned to the name `identifier` refers to, following scope. */
  valuesOf(identifier: PyNode): readonly PyNode[] {
    return this.declarationAt(identifier)?.values ?? [];
  }

  /** What an alias (`threads = client.beta.threads`, `self.runs = …`) was assigned, when it was once. */
  aliasValueOf(node: PyNode): PyNode | undefined {
    if (node.type === "identifier") {
      const values = this.valuesOf(node);
      return values.length === 1 ? values[0] : undefined;
    }
    const key = this.keyOf(node);
    return key ? this.aliasKeys.get(key) : undefined;
  }

  /** A name bound at module level (a global every function can reach). */
  isModuleName(name: string): boolean {
    return this.scopes.get(this.root)?.has(name) ?? false;
  }

  /** `self.client`, `cls.client`; undefined for anything else. */
  keyOf(node: PyNode): string | undefined {
    if (node.type !== "attribute") return undefined;
    const object = field(node, "object");
    if (object?.type !== "identifier") return undefined;
    const owner = this.source.of(object);
    return owner === "self" || owner === "cls" ? `self.${attributeName(node, this.source)}` : undefined;
  }

  isClientType(type: PyNode): boolean {
    const text = this.source.of(type);
    for (const match of text.matchAll(/[A-Za-z_][\w.]*/g)) {
      const name = match[0];
      const last = name.slice(name.lastIndexOf(".") + 1);
      if (name.includes(".") ? this.moduleNames.has(name.slice(0, name.indexOf("."))) && CLIENT_CLASSES.has(last) : this.clientClasses.has(name)) return true;
    }
    return false;
  }

  isClientConstruction(node: PyNode): boolean {
    return alternatives(node, this.source).some((value) => {
      if (value.type !== "call") return false;
      const callee = unwrap(field(value, "function")!, this.source);
      if (callee.type === "identifier") {
        const name = this.source.of(callee);
        return this.clientClasses.has(name) || this.clientFactories.has(name);
      }
      if (callee.type === "attribute") {
        const object = field(callee, "object");
        const name = attributeName(callee, this.source)!;
        return object?.type === "identifier" && this.moduleNames.has(this.source.of(object)) && CLIENT_CLASSES.has(name);
      }
      return false;
    });
  }

  /**
   * Where `node` leads inside an OpenAI client. Unknown roots still give the names that follow them,
   * so `get_client().beta.threads` gives ["beta","threads"].
   */
  resolve(node: PyNode, visiting = new Set<Declaration | string>()): ClientPath | undefined {
    const options = alternatives(node, this.source);
    if (options.length > 1) {
      const paths = options.map((option) => this.resolve(option, visiting)).filter((path): path is ClientPath => !!path);
      return paths.find((path) => path.known) ?? paths.find((path) => path.path.includes("beta") || path.path.includes("responses")) ?? paths[0];
    }
    const inner = options[0];
    if (inner.type === "identifier") {
      const name = this.source.of(inner);
      const declaration = this.declarationAt(inner);
      if (declaration?.client) return { known: true, path: [] };
      if (declaration) {
        const alias = this.resolveAlias(declaration, declaration.values, visiting);
        if (alias) return alias;
      }
      if (!declaration && this.moduleNames.has(name)) return { known: true, path: [] };
      return { known: false, path: [name] };
    }
    if (inner.type === "attribute") {
      const key = this.keyOf(inner);
      if (key) {
        if (this.clientKeys.has(key)) return { known: true, path: [] };
        const value = this.aliasKeys.get(key);
        const alias = value && this.resolveAlias(key, [value], visiting);
        if (alias) return alias;
      }
      const object = field(inner, "object")!;
      const base = this.resolve(object, visiting);
      return { known: base?.known ?? false, path: [...(base?.path ?? []), attributeName(inner, this.source)!] };
    }
    if (this.isClientConstruction(inner)) return { known: true, path: [] };
    return undefined;
  }

  private resolveAlias(key: Declaration | string, values: readonly PyNode[], visiting: Set<Declaration | string>): ClientPath | undefined {
    if (this.resolved.has(key)) return this.resolved.get(key);
    if (visiting.has(key)) return undefined;
    visiting.add(key);
    let meaningful: ClientPath | undefined;
    for (const value of values) {
      const target = this.resolve(value, visiting);
      if (target && (target.known || target.path.includes("beta") || target.path.includes("responses"))) {
        meaningful = target;
        break;
      }
    }
    visiting.delete(key);
    this.resolved.set(key, meaningful);
    return meaningful;
  }
}
