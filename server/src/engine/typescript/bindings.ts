// Finds, in one pass over a file, what names mean: which refer to the OpenAI class, which hold a client,
// and which hold part of a client (`const runs = openai.beta.threads.runs`). Plain names follow lexical
// scope, so a `threads` alias in one handler is not clobbered by an unrelated `threads` in another;
// `this.x` keys are file-wide, which lets class fields resolve across methods.
import ts from "typescript";
import type { BetaImport } from "../facts";
import { accessedName, forEachDescendant, isFunctionLike, propertyNameText, rangeOf, unwrap } from "./syntax";
import { syntacticAlternatives, type NameValues } from "./valueFlow";

const OPENAI_MODULE = /^openai(\/index(\.m?js)?)?$/;
const CLIENT_CLASSES = new Set(["OpenAI", "AzureOpenAI"]);
const BETA_MODULE = /^openai\/(resources\/beta\/(threads|assistants)|lib\/AssistantStream)/;

/** Where an expression leads inside the client: `known` when its root is a recognised client. */
export interface ClientPath {
  known: boolean;
  path: readonly string[];
}

/** One declaration of a plain name: what it holds, and the scope it is visible in. */
interface Declaration {
  name: string;
  scope: ts.Node;
  client: boolean;
  /** What it may alias, one per branch of a conditional or fallback and per assignment. */
  aliases: ts.Expression[];
  initializer?: ts.Expression;
  /** The initializer (or a parameter's default) and every value assigned later, in source order. */
  values: ts.Expression[];
}

const MAX_SCOPE_WALK = 5000;

function isScope(node: ts.Node): boolean {
  return ts.isSourceFile(node) || ts.isBlock(node) || ts.isModuleBlock(node) || ts.isCaseBlock(node) || ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node) || ts.isCatchClause(node) || ts.isClassLike(node) || isFunctionLike(node);
}

/** The scope a declaration at `node` is visible in: the block for let/const, the function for var and parameters. */
function scopeOf(node: ts.Node): ts.Node {
  const functionScoped = ts.isParameter(node) || (ts.isVariableDeclaration(node) && ts.isVariableDeclarationList(node.parent) && (node.parent.flags & ts.NodeFlags.BlockScoped) === 0);
  let current: ts.Node | undefined = node.parent;
  // A parameter's own function is its scope, not the block around the function.
  if (ts.isParameter(node)) return node.parent;
  while (current && !ts.isSourceFile(current)) {
    if (functionScoped ? isFunctionLike(current) : isScope(current) && !(ts.isBlock(current) && isFunctionLike(current.parent))) return current;
    current = current.parent;
  }
  return current ?? node;
}

export class OpenAIBindings implements NameValues {
  /** Names that construct a client: `OpenAI`, an import alias, `AzureOpenAI`. */
  readonly clientClasses = new Set<string>();
  /** Names bound to the module itself: `import * as oai`, `const OpenAI = require("openai")`. */
  readonly moduleNamespaces = new Set<string>();
  readonly betaImports: BetaImport[] = [];
  /** `this.x` keys: file-wide. */
  private readonly clientKeys = new Set<string>();
  private readonly aliasInitializers = new Map<string, ts.Expression[]>();
  private readonly resolvedAliases = new Map<string | Declaration, ClientPath | undefined>();
  /** Plain names, each with every scope that declares it. */
  private readonly declarations = new Map<string, Declaration[]>();
  /** The names each scope node declares. */
  private readonly scopes = new Map<ts.Node, Map<string, Declaration>>();
  /**
   * `const NAME = <initializer>` for every simple const/let/var, file-wide (the last one wins). Prefer
   * `initializerOf`, which follows scope.
   */
  readonly initializers = new Map<string, ts.Expression>();

  /** `visit`, when given, sees every node of the same walk (in source order), so callers need no walk of their own. */
  constructor(
    private readonly sourceFile: ts.SourceFile,
    visit?: (node: ts.Node) => void,
  ) {
    forEachDescendant(sourceFile, (node) => {
      this.collect(node);
      visit?.(node);
    });
  }

  private collect(node: ts.Node): void {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      this.collectImport(node, node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const module = node.moduleReference.expression;
      if (ts.isStringLiteral(module) && OPENAI_MODULE.test(module.text)) this.addModuleBinding(node.name.text);
    } else if (ts.isVariableDeclaration(node) && node.initializer) {
      this.collectBinding(node.name, node.initializer, node.type, scopeOf(node));
    } else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
      this.declare(node.name.text, scopeOf(node)).client = node.type !== undefined && this.isClientType(node.type);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = unwrap(node.left);
      if (ts.isIdentifier(left)) {
        // Assigning gives the variable in scope a value, or declares an implicit global.
        const declaration = this.declarationAt(left) ?? this.declare(left.text, this.sourceFile);
        declaration.values.push(node.right);
        this.collectValue(declaration, node.right);
      } else {
        const key = this.keyOf(node.left);
        if (key) this.collectKeyedValue(key, node.right);
      }
    } else if (ts.isPropertyDeclaration(node) && propertyNameText(node.name)) {
      const key = `this.${propertyNameText(node.name)}`;
      if (node.type && this.isClientType(node.type)) this.clientKeys.add(key);
      if (node.initializer) this.collectKeyedValue(key, node.initializer);
    } else if (ts.isParameter(node) && ts.isIdentifier(node.name)) {
      // Every parameter shadows outer names, client-typed or not.
      const declaration = this.declare(node.name.text, scopeOf(node));
      if (node.initializer) declaration.values.push(node.initializer);
      if (!node.type || !this.isClientType(node.type)) return;
      declaration.client = true;
      const isParameterProperty = ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.PublicKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword || m.kind === ts.SyntaxKind.ReadonlyKeyword);
      if (isParameterProperty) this.clientKeys.add(`this.${node.name.text}`);
    }
  }

  private collectImport(node: ts.ImportDeclaration, module: string): void {
    const clause = node.importClause;
    if (BETA_MODULE.test(module)) {
      const names: string[] = [];
      if (clause?.name) names.push(clause.name.text);
      if (clause?.namedBindings && ts.isNamedImports(clause.namedBindings)) names.push(...clause.namedBindings.elements.map((e) => e.name.text));
      this.betaImports.push({ module, names, range: rangeOf(node.moduleSpecifier, this.sourceFile) });
      return;
    }
    if (!OPENAI_MODULE.test(module) || !clause) return;
    if (clause.name) this.clientClasses.add(clause.name.text);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) this.moduleNamespaces.add(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        const imported = (element.propertyName && propertyNameText(element.propertyName)) ?? element.name.text;
        if (CLIENT_CLASSES.has(imported) || imported === "default") this.clientClasses.add(element.name.text);
      }
    }
  }

  private addModuleBinding(name: string): void {
    // CommonJS `require("openai")` is both the class and a namespace holding `OpenAI`/`AzureOpenAI`.
    this.clientClasses.add(name);
    this.moduleNamespaces.add(name);
  }

  private isRequireOfOpenAI(expression: ts.Expression): boolean {
    const inner = unwrap(expression);
    return ts.isCallExpression(inner) && ts.isIdentifier(inner.expression) && inner.expression.text === "require" && inner.arguments.length === 1 && ts.isStringLiteralLike(inner.arguments[0]) && OPENAI_MODULE.test(inner.arguments[0].text);
  }

  private collectBinding(name: ts.BindingName, initializer: ts.Expression, type: ts.TypeNode | undefined, scope: ts.Node): void {
    if (ts.isIdentifier(name)) {
      this.initializers.set(name.text, initializer);
      const declaration = this.declare(name.text, scope);
      declaration.initializer = initializer;
      declaration.values.push(initializer);
      if (type && this.isClientType(type)) declaration.client = true;
      this.collectValue(declaration, initializer);
      return;
    }
    if (ts.isObjectBindingPattern(name)) {
      if (this.isRequireOfOpenAI(initializer)) {
        for (const element of name.elements) {
          const imported = element.propertyName ? propertyNameText(element.propertyName) : ts.isIdentifier(element.name) ? element.name.text : undefined;
          if (ts.isIdentifier(element.name) && imported && (CLIENT_CLASSES.has(imported) || imported === "default")) this.clientClasses.add(element.name.text);
        }
        return;
      }
      for (const element of name.elements) {
        const property = element.propertyName ? propertyNameText(element.propertyName) : ts.isIdentifier(element.name) ? element.name.text : undefined;
        if (!property || element.dotDotDotToken) continue;
        const synthetic = ts.factory.createPropertyAccessExpression(initializer, property);
        ts.setTextRange(synthetic, initializer);
        (synthetic as { parent?: ts.Node }).parent = initializer.parent;
        this.collectBinding(element.name, synthetic, undefined, scope);
        // `const { tools = DEFAULT_TOOLS } = options`: the default is one more value it may hold.
        if (element.initializer && ts.isIdentifier(element.name)) this.declare(element.name.text, scope).values.push(element.initializer);
      }
    }
  }

  private declare(name: string, scope: ts.Node): Declaration {
    let names = this.scopes.get(scope);
    if (!names) this.scopes.set(scope, (names = new Map()));
    let declaration = names.get(name);
    if (!declaration) {
      declaration = { name, scope, client: false, aliases: [], values: [] };
      names.set(name, declaration);
      const list = this.declarations.get(name);
      if (list) list.push(declaration);
      else this.declarations.set(name, [declaration]);
    }
    return declaration;
  }

  /** The innermost declaration of `identifier`'s name in a scope around it. */
  private declarationAt(identifier: ts.Identifier): Declaration | undefined {
    if (!this.declarations.has(identifier.text)) return undefined;
    let steps = 0;
    for (let node: ts.Node | undefined = identifier.parent; node; node = node.parent) {
      const found = this.scopes.get(node)?.get(identifier.text);
      if (found) return found;
      // Past this depth the walk would make pathological nesting quadratic; file scope is the answer
      // real code needs.
      if (++steps > MAX_SCOPE_WALK) return this.scopes.get(this.sourceFile)?.get(identifier.text);
    }
    return undefined;
  }

  /** The initializer of the variable `identifier` refers to, following scope. */
  initializerOf(identifier: ts.Identifier): ts.Expression | undefined {
    return this.declarationAt(identifier)?.initializer;
  }

  /** Every value the variable `identifier` refers to may hold (NameValues), following scope. */
  valuesOf(identifier: ts.Identifier): readonly ts.Expression[] {
    return this.declarationAt(identifier)?.values ?? [];
  }

  /** Every `const NAME = <initializer>` with its name, across scopes. */
  *allInitializers(): Iterable<[string, ts.Expression]> {
    for (const [name, list] of this.declarations) {
      for (const entry of list) if (entry.initializer) yield [name, entry.initializer];
    }
  }

  private collectValue(declaration: Declaration, value: ts.Expression): void {
    // Each branch of `a ? b : c`, `a ?? b`, … may be the client or the resource.
    for (const inner of syntacticAlternatives(value)) {
      if (this.isRequireOfOpenAI(inner) || (ts.isPropertyAccessExpression(inner) && this.isRequireOfOpenAI(inner.expression) && (CLIENT_CLASSES.has(inner.name.text) || inner.name.text === "default"))) {
        // Module and class names stay file-wide: they are imports in all but name.
        this.collectKeyedValue(declaration.name, inner);
      } else if (this.isClientConstruction(inner)) {
        declaration.client = true;
      } else if (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner) || ts.isIdentifier(inner)) {
        declaration.aliases.push(inner);
      }
    }
  }

  private collectKeyedValue(key: string, value: ts.Expression): void {
    for (const inner of syntacticAlternatives(value)) {
      if (this.isRequireOfOpenAI(inner)) {
        this.addModuleBinding(key);
      } else if (ts.isPropertyAccessExpression(inner) && this.isRequireOfOpenAI(inner.expression) && (CLIENT_CLASSES.has(inner.name.text) || inner.name.text === "default")) {
        this.clientClasses.add(key);
      } else if (this.isClientConstruction(inner)) {
        this.clientKeys.add(key);
      } else if (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner) || ts.isIdentifier(inner)) {
        const aliases = this.aliasInitializers.get(key);
        if (aliases) aliases.push(inner);
        else this.aliasInitializers.set(key, [inner]);
      }
    }
  }

  private isClientConstruction(expression: ts.Expression): boolean {
    const inner = unwrap(ts.isAwaitExpression(expression) ? expression.expression : expression);
    return ts.isNewExpression(inner) && this.isClientClassReference(inner.expression);
  }

  private isClientClassReference(expression: ts.Expression): boolean {
    const inner = unwrap(expression);
    if (ts.isIdentifier(inner)) return this.clientClasses.has(inner.text);
    if (ts.isPropertyAccessExpression(inner) && ts.isIdentifier(inner.expression)) {
      return this.moduleNamespaces.has(inner.expression.text) && (CLIENT_CLASSES.has(inner.name.text) || inner.name.text === "default");
    }
    return false;
  }

  isClientType(type: ts.TypeNode): boolean {
    if (ts.isUnionTypeNode(type)) return type.types.some((member) => this.isClientType(member));
    if (!ts.isTypeReferenceNode(type)) return false;
    const name = type.typeName;
    if (ts.isIdentifier(name)) return this.clientClasses.has(name.text) || CLIENT_CLASSES.has(name.text);
    return ts.isIdentifier(name.left) && this.moduleNamespaces.has(name.left.text) && CLIENT_CLASSES.has(name.right.text);
  }

  /** `client`, `this.client`; undefined for anything else. */
  keyOf(expression: ts.Expression): string | undefined {
    const inner = unwrap(expression);
    if (ts.isIdentifier(inner)) return inner.text;
    if (ts.isPropertyAccessExpression(inner) && inner.expression.kind === ts.SyntaxKind.ThisKeyword) return `this.${inner.name.text}`;
    return undefined;
  }

  /**
   * Where `expression` leads inside an OpenAI client. Unknown roots still give the names that follow
   * them (an unknown identifier counts as its own name), so `getClient().beta.threads` gives
   * ["beta","threads"] and `beta.threads` (from `const { beta } = imported`) does too.
   */
  resolve(expression: ts.Expression, visiting = new Set<string | Declaration>()): ClientPath | undefined {
    const inner = unwrap(expression);
    if (ts.isConditionalExpression(inner) || ts.isBinaryExpression(inner) || ts.isAwaitExpression(inner)) {
      const alternatives = syntacticAlternatives(inner);
      if (alternatives.length !== 1 || alternatives[0] !== inner) return this.firstMeaningful(alternatives, visiting);
    }
    if (ts.isIdentifier(inner) && !this.clientClasses.has(inner.text) && !this.moduleNamespaces.has(inner.text)) {
      const declaration = this.declarationAt(inner);
      if (declaration?.client) return { known: true, path: [] };
      const alias = declaration && this.resolveDeclaredAlias(declaration, visiting);
      if (alias) return alias;
      return { known: false, path: [inner.text] };
    }
    const key = this.keyOf(inner);
    if (key !== undefined) {
      if (this.clientKeys.has(key)) return { known: true, path: [] };
      const alias = this.resolveAlias(key, visiting);
      if (alias) return alias;
      if (ts.isIdentifier(inner)) return { known: false, path: [inner.text] };
    }
    if (this.isClientConstruction(inner)) return { known: true, path: [] };
    const name = accessedName(inner);
    if (name !== undefined && (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner))) {
      const base = this.resolve(inner.expression, visiting);
      return { known: base?.known ?? false, path: [...(base?.path ?? []), name] };
    }
    return undefined;
  }

  /** Of several things an expression may be, the one that reaches the client, else the first. */
  private firstMeaningful(candidates: readonly ts.Expression[], visiting: Set<string | Declaration>): ClientPath | undefined {
    let first: ClientPath | undefined;
    for (const candidate of candidates) {
      const target = this.resolve(candidate, visiting);
      if (target && (target.known || target.path.includes("beta") || target.path.includes("responses"))) return target;
      first ??= target;
    }
    return first;
  }

  /**
   * The expression an alias stands for (`const runs = client.beta.threads.runs` gives
   * `client.beta.threads.runs`); undefined when it may stand for more than one (a conditional), since
   * a rewrite through it would have to pick a branch.
   */
  aliasedExpression(expression: ts.Expression): ts.Expression | undefined {
    const inner = unwrap(expression);
    const aliases = ts.isIdentifier(inner) ? this.declarationAt(inner)?.aliases : this.aliasInitializers.get(this.keyOf(inner) ?? "");
    return aliases?.length === 1 ? aliases[0] : undefined;
  }

  private resolveDeclaredAlias(declaration: Declaration, visiting: Set<string | Declaration>): ClientPath | undefined {
    if (this.resolvedAliases.has(declaration)) return this.resolvedAliases.get(declaration);
    if (declaration.aliases.length === 0 || visiting.has(declaration)) return undefined;
    visiting.add(declaration);
    const target = this.firstMeaningful(declaration.aliases, visiting);
    visiting.delete(declaration);
    const meaningful = target && (target.known || target.path.includes("beta") || target.path.includes("responses")) ? target : undefined;
    this.resolvedAliases.set(declaration, meaningful);
    return meaningful;
  }

  private resolveAlias(key: string, visiting: Set<string | Declaration>): ClientPath | undefined {
    if (this.resolvedAliases.has(key)) return this.resolvedAliases.get(key);
    const aliases = this.aliasInitializers.get(key);
    if (!aliases || visiting.has(key)) return undefined;
    visiting.add(key);
    const target = this.firstMeaningful(aliases, visiting);
    visiting.delete(key);
    // An alias of an unknown value means something only when it already reaches into the client's
    // beta surface or its responses resource.
    const meaningful = target && (target.known || target.path.includes("beta") || target.path.includes("responses")) ? target : undefined;
    this.resolvedAliases.set(key, meaningful);
    return meaningful;
  }
}
