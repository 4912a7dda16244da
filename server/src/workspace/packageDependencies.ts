// The packages a file's nearest package.json depends on, for fixes that may import them (p-limit).
// Cached per package.json path and validated by mtime; the engine itself does no I/O.
import * as fs from "node:fs";
import * as path from "node:path";

const cache = new Map<string, { mtimeMs: number; dependencies: string[] }>();

export function dependenciesFor(fileName: string): string[] {
  let directory = path.dirname(fileName);
  for (;;) {
    const manifest = path.join(directory, "package.json");
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(manifest);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) {
      const hit = cache.get(manifest);
      if (hit && hit.mtimeMs === stat.mtimeMs) return hit.dependencies;
      let dependencies: string[] = [];
      try {
        const json = JSON.parse(fs.readFileSync(manifest, "utf8")) as Record<string, unknown>;
        for (const field of ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"]) {
          const value = json[field];
          if (value && typeof value === "object") dependencies.push(...Object.keys(value));
        }
        dependencies = [...new Set(dependencies)].sort();
      } catch {
        dependencies = [];
      }
      cache.set(manifest, { mtimeMs: stat.mtimeMs, dependencies });
      return dependencies;
    }
    const parent = path.dirname(directory);
    if (parent === directory || path.basename(directory) === "node_modules") return [];
    directory = parent;
  }
}
