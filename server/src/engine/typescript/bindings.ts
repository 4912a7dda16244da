// Finds, in one pass over a file, what names mean: which refer to the OpenAI class, which hold a client,
// and which hold part of a client (`const runs = openai.beta.threads.runs`). Names are tracked per
// file, not per scope: code rarely reuses a client's name for something else in the same file, and
// being scope-blind lets class fields (`this.client`) resolve across methods.
import ts from "typescript";
import type { BetaImport } from "../facts";
import { accessedName, forEachDescendant, propertyNameText, rangeOf, unwrap } from "./syntax";

const OPENAI_MODULE = /^openai(\/index(\.m?js)?)?$/;
const CLIENT_CLASSES = new Set(["OpenAI", "AzureOpenAI"]);
const BETA_MODULE = /^openai\/(resources\/beta\/(threads|assistants)|lib\/AssistantStream)/;

/** Where an expression leads inside the client: `known` when its root is a recognised client. */
export interface ClientPath {
  known: boolean;
  path: readonly string[];
}

export class OpenAIBindings {
  /** Names that construct a client: `OpenAI`, an import alias, `AzureOpenAI`. */
  readonly clientClasses = new Set<string>();
  /** Names bound to the module itself: `import * as oai`, `const OpenAI = require("openai")`. */
  readonly moduleNamespaces = new Set<string>();
  readonly betaImports: BetaImport[] = [];
  private readonly clientKeys = new Set<string>();
  private readonly aliasInitializers = new Map<string, ts.Expression>();
  private readonly resolvedAliases = new Map<string, ClientPath | undefined>();
  /** `const NAME = <initializer>` for every simple const/let/var, for following values within the file. */
  readonly initializers = new Map<string, ts.Expression>();

  constructor(private readonly sourceFile: ts.SourceFile) {
    forEachDescendant(sourceFile, (node) => {
      this.collect(node);
    });
  }

  private collect(node: ts.Node): void {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      this.collectImport(node, node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const module = node.moduleReference.expression;
      if (ts.isStringLiteral(module) && OPENAI_MODULE.test(module.text)) this.addModuleBinding(node.name.text);
    } else if (ts.isVariableDeclaration(node) && node.initializer) {
      this.collectBinding(node.name, node.initializer, node.type);
    } else if (ts.isVariableDeclaration(node) && node.type && ts.isIdentifier(node.name)) {
      if (this.isClientType(node.type)) this.clientKeys.add(node.name.text);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const key = this.keyOf(node.left);
      if (key) this.collectKeyedValue(key, node.right);
    } else if (ts.isPropertyDeclaration(node) && propertyNameText(node.name)) {
      const key = `this.${propertyNameText(node.name)}`;
      if (node.type && this.isClientType(node.type)) this.clientKeys.add(key);
      if (node.initializer) this.collectKeyedValue(key, node.initializer);
    } else if (ts.isParameter(node) && ts.isIdentifier(node.name) && node.type && this.isClientType(node.type)) {
      this.clientKeys.add(node.name.text);
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

  private collectBinding(name: ts.BindingName, initializer: ts.Expression, type: ts.TypeNode | undefined): void {
    if (ts.isIdentifier(name)) {
      this.initializers.set(name.text, initializer);
      if (type && this.isClientType(type)) this.clientKeys.add(name.text);
      this.collectKeyedValue(name.text, initializer);
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
        this.collectBinding(element.name, synthetic, undefined);
      }
    }
  }

  private collectKeyedValue(key: string, value: ts.Expression): void {
    const inner = unwrap(value);
    if (this.isRequireOfOpenAI(inner)) {
      this.addModuleBinding(key);
    } else if (ts.isPropertyAccessExpression(inner) && this.isRequireOfOpenAI(inner.expression) && (CLIENT_CLASSES.has(inner.name.text) || inner.name.text === "default")) {
      this.clientClasses.add(key);
    } else if (this.isClientConstruction(inner)) {
      this.clientKeys.add(key);
    } else if (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner) || ts.isIdentifier(inner)) {
      this.aliasInitializers.set(key, inner);
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
  resolve(expression: ts.Expression, visiting = new Set<string>()): ClientPath | undefined {
    const inner = unwrap(expression);
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
    if (ts.isAwaitExpression(inner)) return undefined;
    return undefined;
  }

  private resolveAlias(key: string, visiting: Set<string>): ClientPath | undefined {
    if (this.resolvedAliases.has(key)) return this.resolvedAliases.get(key);
    const initializer = this.aliasInitializers.get(key);
    if (!initializer || visiting.has(key)) return undefined;
    visiting.add(key);
    const target = this.resolve(initializer, visiting);
    visiting.delete(key);
    // An alias of an unknown value means something only when it already reaches into the client's
    // beta surface or its responses resource.
    const meaningful = target && (target.known || target.path.includes("beta") || target.path.includes("responses")) ? target : undefined;
    this.resolvedAliases.set(key, meaningful);
    return meaningful;
  }
}
