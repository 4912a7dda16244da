// HTTP requests to the OpenAI REST API from Python: `requests`, `httpx` and `aiohttp`, their
// session/client objects (with `base_url=`), and small local wrappers whose URL parameter reaches one.
// Which of them are Assistants endpoints is the rule's business (assistantsHttp.ts).
import { openAIPathOf, type UrlPart } from "../assistantsHttp";
import type { OpenAIHttpRequest } from "../facts";
import type { PythonBindings } from "./bindings";
import { type UrlEnvironment, PythonUrlValues } from "./httpValues";
import { attributeName, callArguments, enclosingFunction, field, forEachDescendant, namedChildren, rangeOf, stringValue, unwrap, type PyNode, type SourceText } from "./syntax";

const HTTP_MODULES = new Set(["requests", "httpx", "aiohttp"]);
const SESSION_CLASSES = new Set(["Session", "Client", "AsyncClient", "ClientSession"]);
const METHODS = new Set(["get", "post", "put", "patch", "delete", "head", "options"]);
/** Methods taking `(method, url)`. */
const GENERIC = new Set(["request", "stream"]);
/** How deep wrappers around wrappers are followed. */
const WRAPPER_DEPTH = 2;

/** A call that sends a request, and where its method and URL come from. */
interface RequestSite {
  call: PyNode;
  /** For a wrapper around a wrapper: the inner wrapper's call, whose arguments bind its parameters. */
  via?: { call: PyNode; definition: PyNode };
  client: string;
  method?: string;
  methodNode?: PyNode;
  url: PyNode;
  base?: PyNode;
  params?: PyNode;
}

export function findPythonHttpRequests(root: PyNode, bindings: PythonBindings, source: SourceText): OpenAIHttpRequest[] {
  const modules = new Map<string, string>();
  const importedSessions = new Map<string, string>();
  collectImports(root, source, modules, importedSessions);
  if (modules.size === 0 && importedSessions.size === 0) return [];
  const values = new PythonUrlValues(bindings, source);
  const finder = new SiteFinder(bindings, source, modules, importedSessions, root);
  const requests: OpenAIHttpRequest[] = [];
  const sites = bindings.calls.map((call) => finder.siteOf(call)).filter((site): site is RequestSite => !!site);
  const wrappers = new Map<string, { definition: PyNode; sites: RequestSite[] }>();
  for (const site of sites) {
    const request = requestOf(site, values, undefined, site.call);
    if (request) requests.push(request);
    const wrapper = enclosingFunction(site.call);
    const name = wrapper?.type === "function_definition" ? field(wrapper, "name") : undefined;
    if (name && wrapper) {
      const entry = wrappers.get(source.of(name)) ?? { definition: wrapper, sites: [] };
      entry.sites.push(site);
      wrappers.set(source.of(name), entry);
    }
  }
  // A wrapper call whose argument decides the URL is the request a reader sees; a wrapper around a
  // wrapper is followed once more.
  let level: typeof wrappers = wrappers;
  for (let depth = 1; depth <= WRAPPER_DEPTH && level.size > 0; depth++) {
    const next = new Map<string, { definition: PyNode; sites: RequestSite[] }>();
    for (const call of bindings.calls) {
      const callee = field(call, "function");
      const wrapper = callee?.type === "identifier" ? level.get(source.of(callee)) : undefined;
      if (!callee || !wrapper || wrapper.definition === enclosingFunction(call)) continue;
      const environment = values.bindParameters(wrapper.definition, call, undefined);
      for (const site of wrapper.sites) {
        const request = requestOf(site, values, environment, call, source.of(callee));
        if (request) requests.push(request);
      }
      const outer = enclosingFunction(call);
      const outerName = outer?.type === "function_definition" ? field(outer, "name") : undefined;
      if (outer && outerName && !wrappers.has(source.of(outerName))) {
        const sites = wrapper.sites.map((site) => ({ ...site, via: { call, definition: wrapper.definition } }));
        next.set(source.of(outerName), { definition: outer, sites: [...(next.get(source.of(outerName))?.sites ?? []), ...sites] });
      }
    }
    level = next;
  }
  return dedupe(requests);
}

/** The request `site` sends, when its URL reaches the OpenAI API; `environment` gives a wrapper's arguments. */
function requestOf(site: RequestSite, values: PythonUrlValues, outer: UrlEnvironment | undefined, reported: PyNode, wrapperName?: string): OpenAIHttpRequest | undefined {
  let environment = outer;
  if (site.via) environment = values.bindParameters(site.via.definition, site.via.call, outer);
  const used = new Set<UrlEnvironment>();
  let parts = values.partsOf(site.url, environment, used);
  if (site.base) parts = joinBase(values.partsOf(site.base, undefined, used), parts);
  // A wrapper call only counts when its own argument reached the URL; the inner call is reported anyway.
  if (outer && !used.has(outer)) return undefined;
  if (site.params) parts = [...parts, ...queryOf(site.params, values)];
  const target = openAIPathOf(parts);
  if (!target) return undefined;
  const method = site.method ?? (site.methodNode ? values.stringOf(site.methodNode, environment)?.toUpperCase() : undefined);
  // `wait_for_run(thread_id, run_id)` only fills in ids of a request the wrapper already shows: that
  // request is reported inside; a wrapper call counts when its arguments decide the endpoint or method.
  if (outer && sameRequest(requestOf(site, values, undefined, site.call), method, target)) return undefined;
  const callee = field(reported, "function")!;
  return { method, ...target, client: wrapperName ?? site.client, calleeRange: rangeOf(callee), callRange: rangeOf(reported), urlRange: rangeOf(wrapperName ? argumentAt(reported, 0) ?? site.url : site.url) };
}

function sameRequest(inner: OpenAIHttpRequest | undefined, method: string | undefined, target: { path: string; query?: string }): boolean {
  return inner !== undefined && inner.method === method && inner.path === target.path && inner.query === target.query;
}

function argumentAt(call: PyNode, index: number): PyNode | undefined {
  return namedChildren(field(call, "arguments") ?? call)[index];
}

/** httpx/aiohttp join a relative URL to `base_url`; an absolute one replaces it. */
function joinBase(base: UrlPart[], url: UrlPart[]): UrlPart[] {
  const first = url[0];
  if (typeof first === "string" && /^https?:/i.test(first)) return url;
  const last = base[base.length - 1];
  if (typeof last === "string" && last.endsWith("/") && typeof first === "string" && first.startsWith("/")) return [...base.slice(0, -1), last.slice(0, -1), ...url];
  return [...base, ...url];
}

/** `params={"limit": 1}` as a query string, when every entry is literal. */
function queryOf(params: PyNode, values: PythonUrlValues): UrlPart[] {
  const dict = unwrap(params, values.source);
  if (dict.type !== "dictionary") return [];
  const entries: string[] = [];
  for (const pair of namedChildren(dict)) {
    const key = stringValue(field(pair, "key"), values.source);
    const value = field(pair, "value");
    const text = value && (stringValue(value, values.source) ?? (value.type === "integer" ? values.source.of(value) : undefined));
    if (pair.type !== "pair" || key === undefined || text === undefined) return [];
    entries.push(`${key}=${text}`);
  }
  return entries.length > 0 ? [`?${entries.join("&")}`] : [];
}

function dedupe(requests: OpenAIHttpRequest[]): OpenAIHttpRequest[] {
  const seen = new Set<string>();
  return requests.filter((request) => {
    const key = `${request.calleeRange.start}:${request.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function collectImports(root: PyNode, source: SourceText, modules: Map<string, string>, sessions: Map<string, string>): void {
  forEachDescendant(root, (node) => {
    if (node.type === "import_statement") {
      for (const item of namedChildren(node)) {
        const dotted = item.type === "aliased_import" ? field(item, "name")! : item;
        const module = source.of(dotted);
        if (HTTP_MODULES.has(module)) modules.set(item.type === "aliased_import" ? source.of(field(item, "alias")!) : module, module);
      }
      return false;
    }
    if (node.type === "import_from_statement") {
      const module = source.of(field(node, "module_name") ?? node);
      if (!HTTP_MODULES.has(module)) return false;
      for (const item of node.children.filter((child) => child.field === "name")) {
        const name = item.type === "aliased_import" ? source.of(field(item, "name")!) : source.of(item);
        const local = item.type === "aliased_import" ? source.of(field(item, "alias")!) : name;
        if (SESSION_CLASSES.has(name)) sessions.set(local, module);
        else if (METHODS.has(name) || GENERIC.has(name)) modules.set(`function:${local}`, `${module}:${name}`);
      }
      return false;
    }
  });
}

/** Recognises the calls that send a request, directly or through a session object. */
class SiteFinder {
  /** `self.session = requests.Session()`, by `self.session`. */
  private readonly attributeSessions = new Map<string, PyNode>();
  /** `with httpx.Client(...) as client:` targets, by name, with the with-statement's function. */
  private readonly withSessions = new Map<string, Array<{ scope: PyNode | undefined; construction: PyNode }>>();

  constructor(
    private readonly bindings: PythonBindings,
    private readonly source: SourceText,
    private readonly modules: ReadonlyMap<string, string>,
    private readonly sessions: ReadonlyMap<string, string>,
    root: PyNode,
  ) {
    forEachDescendant(root, (node) => {
      if (node.type === "assignment") this.collectAttributeSession(node);
      if (node.type !== "with_item") return;
      const value = field(node, "value");
      if (value?.type !== "as_pattern") return;
      const entered = namedChildren(value)[0];
      const alias = field(value, "alias");
      const target = alias && (alias.type === "identifier" ? alias : namedChildren(alias).find((child) => child.type === "identifier"));
      if (!entered || !target || !this.sessionModuleOf(entered)) return;
      const name = source.of(target);
      const list = this.withSessions.get(name) ?? [];
      list.push({ scope: enclosingFunction(node), construction: unwrap(entered, source) });
      this.withSessions.set(name, list);
    });
  }

  private collectAttributeSession(assignment: PyNode): void {
    const left = field(assignment, "left");
    const right = field(assignment, "right");
    const key = left && this.bindings.keyOf(left);
    if (key && right && this.sessionModuleOf(right)) this.attributeSessions.set(key, unwrap(right, this.source));
  }

  siteOf(call: PyNode): RequestSite | undefined {
    const callee = field(call, "function");
    if (!callee) return undefined;
    if (callee.type === "identifier") {
      const imported = this.modules.get(`function:${this.source.of(callee)}`);
      if (!imported) return undefined;
      const [module, name] = imported.split(":");
      return this.site(call, module, name);
    }
    if (callee.type !== "attribute") return undefined;
    const name = attributeName(callee, this.source)!;
    if (!METHODS.has(name) && !GENERIC.has(name)) return undefined;
    const object = unwrap(field(callee, "object")!, this.source);
    if (object.type === "identifier") {
      const module = this.modules.get(this.source.of(object));
      if (module && this.bindings.valuesOf(object).length === 0) return this.site(call, module, name);
    }
    const session = this.sessionOf(object);
    if (session) {
      const base = callArguments(session, this.source).keywords.get("base_url");
      return this.site(call, this.sessionModuleOf(session)!, name, base && field(base, "value"));
    }
    // `async def api(session: aiohttp.ClientSession, …)`: a session passed in, its base unknown.
    const typed = object.type === "identifier" ? this.annotatedSessionModule(object) : undefined;
    return typed ? this.site(call, typed, name) : undefined;
  }

  /** The module of the session class a parameter named by `identifier` is annotated with. */
  private annotatedSessionModule(identifier: PyNode): string | undefined {
    const definition = enclosingFunction(identifier);
    const name = this.source.of(identifier);
    for (const parameter of namedChildren(field(definition, "parameters") ?? identifier)) {
      const declared = namedChildren(parameter).find((child) => child.type === "identifier");
      const type = field(parameter, "type");
      if (!type || !declared || this.source.of(declared) !== name) continue;
      const annotation = this.source.of(type).trim();
      const dot = annotation.lastIndexOf(".");
      if (dot < 0) return this.sessions.get(annotation);
      const module = this.modules.get(annotation.slice(0, dot));
      return module && SESSION_CLASSES.has(annotation.slice(dot + 1)) ? module : undefined;
    }
    return undefined;
  }

  private site(call: PyNode, client: string, name: string, base?: PyNode): RequestSite | undefined {
    const { positional, keywords } = callArguments(call, this.source);
    const generic = GENERIC.has(name);
    const keyword = (key: string) => {
      const argument = keywords.get(key);
      return argument && field(argument, "value");
    };
    const url = keyword("url") ?? positional[generic ? 1 : 0];
    if (!url) return undefined;
    const methodNode = generic ? (keyword("method") ?? positional[0]) : undefined;
    return { call, client, method: generic ? undefined : name.toUpperCase(), methodNode, url, base, params: keyword("params") };
  }

  /** The module whose session/client class `node` constructs, if it does. */
  private sessionModuleOf(node: PyNode): string | undefined {
    const value = unwrap(node, this.source);
    if (value.type !== "call") return undefined;
    const callee = unwrap(field(value, "function")!, this.source);
    if (callee.type === "identifier") return this.sessions.get(this.source.of(callee));
    if (callee.type !== "attribute") return undefined;
    const object = field(callee, "object");
    const module = object?.type === "identifier" ? this.modules.get(this.source.of(object)) : undefined;
    return module && SESSION_CLASSES.has(attributeName(callee, this.source)!) ? module : undefined;
  }

  /** The construction of the session `object` names: `requests.Session()`, `self.http`, `async with aiohttp.ClientSession() as s`. */
  private sessionOf(object: PyNode): PyNode | undefined {
    if (this.sessionModuleOf(object)) return unwrap(object, this.source);
    const key = this.bindings.keyOf(object);
    if (key) return this.attributeSessions.get(key);
    if (object.type !== "identifier") return undefined;
    for (const value of this.bindings.valuesOf(object)) if (this.sessionModuleOf(value)) return unwrap(value, this.source);
    const scope = enclosingFunction(object);
    for (const entry of this.withSessions.get(this.source.of(object)) ?? []) {
      if (entry.scope === undefined || entry.scope === scope) return entry.construction;
    }
    return undefined;
  }
}
