import { fdir } from "fdir";
import * as path from "node:path";
import { isSupportedFile } from "../engine/languages";
import { ExclusionMatcher, type ExclusionOptions } from "./exclusions";

/** Every supported source file under `root` that the exclusions allow, as absolute paths. */
export async function discoverSourceFiles(root: string, options: ExclusionOptions = {}): Promise<string[]> {
  const absoluteRoot = path.resolve(root);
  const exclusions = new ExclusionMatcher(absoluteRoot, options);
  const files = await new fdir()
    .withFullPaths()
    .exclude((_name, directoryPath) => exclusions.isExcludedDirectory(directoryPath.replace(/[\\/]+$/, "")))
    .filter((filePath, isDirectory) => !isDirectory && isSupportedFile(filePath) && !exclusions.isExcluded(filePath))
    .crawl(absoluteRoot)
    .withPromise();
  return files.sort();
}
