// Requests to the OpenAI REST API made without the SDK: fetch (global, node-fetch, undici), undici's
// request, axios (methods, config calls, instances with a baseURL), got and ky (with prefixUrl
// instances), directly or through a local wrapper function whose URL parameter is followed to the
// call that sends it. URLs are evaluated by httpValues.ts (consts, template literals, `+`, `new URL`)
// into UrlParts; assistantsHttp.ts decides what reaches the OpenAI API.
import ts from "typescript";
import { openAIPathOf } from "../assistantsHttp";
import type { OpenAIHttpRequest } from "../facts";
import type { OpenAIBindings } from "./bindings";
import { isFunctionLike, propertyNameText, rangeOf, unwrap } from "./syntax";
import { possibleValues } from "./valueFlow";
import { joinSlash, NO_ENV, propertyValue, RequestValues, type Bound, type Env } from "./httpValues";

type ClientKind = "fetch" | "axios" | "got" | "ky";

/** A client a name stands for: the kind of API, the name to report, and an instance's base URL. */
interface Client {
  kind: ClientKind;
  label: string;
  base?: ts.Expression;
}

const MODULE_CLIENTS: Record<string, Record<string, ClientKind | undefined>> = {
  "node-fetch": { default: "fetch", fetch: "fetch" },
  "cross-fetch": { default: "fetch", fetch: "fetch" },
  "isomorphic-fetch": { default: "fetch" },
  undici: { fetch: "fetch", request: "fetch" },
  axios: { default: "axios", axios: "axios" },
  got: { default: "got", got: "got" },
  ky: { default: "ky" },
};
const HTTP_METHODS = new Set(["get", "post", "put", "patch", "delete", "head", "options"]);
const GLOBAL_RECEIVERS = new Set(["globalThis", "window", "self", "global"]);
const MAX_WRAPPER_LEVELS = 3;

/** One request as the code sends it: who sends it, the URL expression, and how to read its method. */
interface RequestSite {
  label: string;
  /** Absent when an axios config object carries it. */
  url?: ts.Expression;
  base?: ts.Expression;
  /** The method when the call says it (`axios.post`); otherwise read from `options`. */
  method?: string;
  options?: ts.Expression;
  /** Axios-style config objects carry the url and method themselves. */
  config?: ts.Expression;
  /**
   * A wrapper imported from another file and named for OpenAI (`openaiRequest("threads", …)`): its
   * base is OpenAI's by its name, and its method is known only when the call spells it out.
   */
  importedWrapper?: boolean;
}

interface Wrapper {
  node: ts.SignatureDeclaration;
  parameters: string[];
  /** The call inside the wrapper that sends the request (a client call or another wrapper's call). */
  inner: ts.CallExpression;
}

export class HttpRequestFinder {
  private readonly clients = new Map<string, Client>();
  /** Functions imported from other files whose names say they talk to OpenAI. */
  private readonly importedOpenAIWrappers = new Set<string>();
  private readonly wrappers = new Map<string, Wrapper>();
  /** Requests inside wrappers this file calls: reported at each call instead. */
  private readonly calledInners = new Set<ts.CallExpression>();

  private readonly values: RequestValues;

  constructor(
    private readonly sourceFile: ts.SourceFile,
    private readonly bindings: OpenAIBindings,
    private readonly calls: readonly ts.CallExpression[],
  ) {
    this.values = new RequestValues(bindings);
    this.collectClients();
    this.collectWrappers();
  }

  find(): OpenAIHttpRequest[] {
    const requests: OpenAIHttpRequest[] = [];
    for (const call of this.calls) {
      // The request inside a wrapper this file calls is reported at each call instead.
      if (this.calledInners.has(call)) continue;
      const wrapper = this.wrapperCalled(call);
      const site = wrapper ? undefined : this.siteOf(call, NO_ENV);
      const resolved = wrapper ? this.throughWrapper(call, wrapper, NO_ENV, 0) : site && this.evaluate(site, NO_ENV);
      if (!resolved) continue;
      requests.push({
        ...resolved,
        client: wrapper ? (wrapperName(wrapper.node) ?? "wrapper").replace(/^\./, "") : site!.label,
        calleeRange: rangeOf(call.expression, this.sourceFile),
        callRange: rangeOf(call, this.sourceFile),
        urlRange: rangeOf((wrapper ? call.arguments[this.urlArgumentIndex(wrapper)] : (site!.url ?? site!.config)) ?? call, this.sourceFile),
      });
    }
    return requests;
  }

  // ---- clients -------------------------------------------------------------------------------

  private collectClients(): void {
    this.clients.set("fetch", { kind: "fetch", label: "fetch" });
    this.clients.set("axios", { kind: "axios", label: "axios" });
    for (const statement of this.sourceFile.statements) {
      if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
        const module = statement.moduleSpecifier.text;
        const exported = MODULE_CLIENTS[module];
        const clause = statement.importClause;
        if (!exported && clause && module !== "openai") this.collectImportedWrappers(clause);
        if (!exported || !clause) continue;
        if (clause.name && exported.default) this.clients.set(clause.name.text, { kind: exported.default, label: module });
        const named = clause.namedBindings;
        if (named && ts.isNamespaceImport(named)) this.clients.set(`${named.name.text}.*`, { kind: "fetch", label: module });
        if (named && ts.isNamedImports(named)) {
          for (const element of named.elements) {
            const kind = exported[(element.propertyName ?? element.name).text];
            if (kind) this.clients.set(element.name.text, { kind, label: module });
          }
        }
      }
    }
    for (const [name, initializer] of this.bindings.allInitializers()) {
      const value = unwrap(initializer);
      const module = requiredModule(value);
      if (module && MODULE_CLIENTS[module]?.default) this.clients.set(name, { kind: MODULE_CLIENTS[module].default!, label: module });
    }
    // Instances (`axios.create({ baseURL })`, `got.extend({ prefixUrl })`, `ky.create(…)`), which may
    // be made from one another.
    for (let round = 0; round < 2; round++) {
      for (const [name, initializer] of this.bindings.allInitializers()) {
        const value = unwrap(ts.isAwaitExpression(unwrap(initializer)) ? (unwrap(initializer) as ts.AwaitExpression).expression : initializer);
        if (!ts.isCallExpression(value) || !ts.isPropertyAccessExpression(value.expression) || !ts.isIdentifier(value.expression.expression)) continue;
        const parent = this.clients.get(value.expression.expression.text);
        const method = value.expression.name.text;
        if (!parent || parent.kind === "fetch" || (method !== "create" && method !== "extend")) continue;
        const options = value.arguments[0] && possibleValues(value.arguments[0], this.bindings).find(ts.isObjectLiteralExpression);
        const base = options && propertyValue(options, parent.kind === "axios" ? "baseURL" : "prefixUrl");
        this.clients.set(name, { kind: parent.kind, label: parent.label, base: base ?? parent.base });
      }
    }
  }

  private collectImportedWrappers(clause: ts.ImportClause): void {
    const names = [clause.name, ...(clause.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements.map((element) => element.name) : [])];
    for (const name of names) if (name && /openai/i.test(name.text)) this.importedOpenAIWrappers.add(name.text);
  }

  /** The request `call` sends when it calls a client directly. */
  private siteOf(call: ts.CallExpression, env: Env): RequestSite | undefined {
    const callee = unwrap(call.expression);
    const [first, second, third] = call.arguments;
    if (ts.isIdentifier(callee)) {
      if (env.has(callee.text)) return undefined;
      if (this.importedOpenAIWrappers.has(callee.text) && first) return { label: callee.text, url: first, options: second, importedWrapper: true };
      const client = this.clients.get(callee.text);
      if (!client || !first) return undefined;
      if (client.kind === "axios" && this.values.objectOf(first, env)) return { label: client.label, base: client.base, config: first };
      return { label: client.label, url: first, base: client.base, options: second, config: client.kind === "axios" ? second : undefined };
    }
    if (!ts.isPropertyAccessExpression(callee) || !first) return undefined;
    const method = callee.name.text;
    const receiver = unwrap(callee.expression);
    if (!ts.isIdentifier(receiver)) return undefined;
    if (method === "fetch" && GLOBAL_RECEIVERS.has(receiver.text)) return { label: "fetch", url: first, options: second };
    const namespace = this.clients.get(`${receiver.text}.*`);
    if (namespace && (method === "fetch" || method === "request")) return { label: namespace.label, url: first, options: second };
    const client = this.clients.get(receiver.text);
    if (!client || client.kind === "fetch") return undefined;
    if (client.kind === "axios" && method === "request") return { label: client.label, base: client.base, config: first };
    if (!HTTP_METHODS.has(method)) return undefined;
    // axios.post(url, data, config); axios.get(url, config); got and ky take (url, options).
    const withBody = client.kind === "axios" && (method === "post" || method === "put" || method === "patch");
    return { label: client.label, url: first, base: client.base, method: method.toUpperCase(), config: client.kind === "axios" ? (withBody ? third : second) : undefined, options: client.kind === "axios" ? undefined : second };
  }

  /** Method, path and query of a site, or undefined when its URL does not reach the OpenAI API. */
  private evaluate(site: RequestSite, env: Env): Pick<OpenAIHttpRequest, "method" | "path" | "query"> | undefined {
    let url = site.url;
    let base = site.base;
    let method = site.method;
    if (site.config) {
      const config = this.values.objectOf(site.config, env);
      if (config) {
        url ??= propertyValue(config, "url");
        base = propertyValue(config, "baseURL") ?? base;
        method ??= this.values.methodIn(site.config, env);
      } else if (!url) return undefined;
    }
    if (!url) return undefined;
    if (site.importedWrapper) method ??= this.values.explicitMethod(site.options, env);
    else method ??= site.options ? this.values.methodIn(site.options, env) : "GET";
    const urls = this.values.urlShapes(url, env, 0);
    const bases = base ? this.values.urlShapes(base, env, 0) : site.importedWrapper ? [[{ unknown: site.label }]] : [[]];
    for (const shape of urls) {
      const absolute = typeof shape[0] === "string" && /^https?:/i.test(shape[0]);
      for (const prefix of absolute ? [[]] : bases) {
        const found = openAIPathOf([...prefix, ...(prefix.length > 0 ? joinSlash(prefix, shape) : shape)]);
        if (found) return { method, ...found };
      }
    }
    return undefined;
  }

  // ---- wrappers ------------------------------------------------------------------------------

  /** Local functions that send a request to a URL built from one of their parameters. */
  private collectWrappers(): void {
    for (let level = 0; level < MAX_WRAPPER_LEVELS; level++) {
      let added = false;
      for (const call of this.calls) {
        const enclosing = enclosingFunction(call);
        const name = enclosing && wrapperName(enclosing);
        if (!enclosing || !name || this.wrappers.has(name)) continue;
        const parameters = enclosing.parameters.map((parameter) => (ts.isIdentifier(parameter.name) ? parameter.name.text : ""));
        const placeholders: Env = new Map(parameters.filter(Boolean).map((parameter) => [parameter, { env: NO_ENV, placeholder: true }]));
        if (!this.sendsFromParameter(call, placeholders)) continue;
        this.wrappers.set(name, { node: enclosing, parameters, inner: call });
        added = true;
      }
      if (!added) break;
    }
    for (const call of this.calls) {
      const wrapper = this.wrapperCalled(call);
      if (wrapper) this.calledInners.add(wrapper.inner);
    }
  }

  /** True when `call` sends a request whose URL depends on a placeholder parameter. */
  private sendsFromParameter(call: ts.CallExpression, placeholders: Env): boolean {
    const nested = this.wrapperCalled(call);
    const url = nested ? call.arguments[this.urlArgumentIndex(nested)] : this.siteUrl(this.siteOf(call, placeholders), placeholders);
    if (!url) return false;
    return this.values.urlShapes(url, placeholders, 0).some((shape) => shape.some((part) => typeof part !== "string" && placeholders.has(part.unknown)));
  }

  private siteUrl(site: RequestSite | undefined, env: Env): ts.Expression | undefined {
    if (!site) return undefined;
    if (site.url) return site.url;
    const config = site.config && this.values.objectOf(site.config, env);
    return config && propertyValue(config, "url");
  }

  /** Which of a wrapper's parameters carries the URL (the first one its request's URL depends on). */
  private urlArgumentIndex(wrapper: Wrapper): number {
    for (let i = 0; i < wrapper.parameters.length; i++) {
      const name = wrapper.parameters[i];
      if (name && this.sendsFromParameter(wrapper.inner, new Map([[name, { env: NO_ENV, placeholder: true }]]))) return i;
    }
    return 0;
  }

  private wrapperCalled(call: ts.CallExpression): Wrapper | undefined {
    const callee = unwrap(call.expression);
    // A method wrapper is called on `this` or on some object, never on an HTTP client (`axios.post`).
    const onClient = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && this.clients.has(callee.expression.text);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) && !onClient ? `.${callee.name.text}` : undefined;
    const wrapper = name === undefined ? undefined : this.wrappers.get(name);
    // A wrapper's own recursive call is not one of its callers.
    return wrapper && !isWithin(call, wrapper.node) ? wrapper : undefined;
  }

  /** The request a call to `wrapper` sends, its parameters bound to the call's arguments. */
  private throughWrapper(call: ts.CallExpression, wrapper: Wrapper, callerEnv: Env, level: number): Pick<OpenAIHttpRequest, "method" | "path" | "query"> | undefined {
    if (level > MAX_WRAPPER_LEVELS) return undefined;
    const env = new Map<string, Bound>();
    wrapper.parameters.forEach((name, i) => {
      if (!name) return;
      const argument = call.arguments[i];
      const fallback = wrapper.node.parameters[i].initializer;
      env.set(name, { expression: argument && !ts.isSpreadElement(argument) ? argument : fallback, env: argument ? callerEnv : NO_ENV });
    });
    const nested = this.wrapperCalled(wrapper.inner);
    if (nested) return this.throughWrapper(wrapper.inner, nested, env, level + 1);
    const site = this.siteOf(wrapper.inner, env);
    return site && this.evaluate(site, env);
  }
}

// ---- helpers ---------------------------------------------------------------------------------

function requiredModule(value: ts.Expression): string | undefined {
  const call = ts.isPropertyAccessExpression(value) && value.name.text === "default" ? unwrap(value.expression) : value;
  if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || call.expression.text !== "require") return undefined;
  const [module] = call.arguments;
  return module && ts.isStringLiteralLike(module) ? module.text : undefined;
}

function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionLike(current)) return current as ts.SignatureDeclaration;
  }
  return undefined;
}

function isWithin(node: ts.Node, ancestor: ts.Node): boolean {
  for (let current: ts.Node | undefined = node; current; current = current.parent) if (current === ancestor) return true;
  return false;
}

/** How calls name a function: `name` for declarations and consts, `.name` for methods and object properties. */
function wrapperName(node: ts.SignatureDeclaration): string | undefined {
  if (ts.isFunctionDeclaration(node) && node.name) return node.name.text;
  if (ts.isMethodDeclaration(node)) {
    const name = propertyNameText(node.name);
    return name && `.${name}`;
  }
  const parent = node.parent;
  if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && parent) {
    if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
    if (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) {
      const name = propertyNameText(parent.name);
      return name && `.${name}`;
    }
  }
  return undefined;
}
