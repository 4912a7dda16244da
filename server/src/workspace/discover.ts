import { fdir } from "fdir";
import * as path from "node:path";
import { isSupportedFile } from "../engine/languages";
import { ExclusionMatcher, type ExclusionOptions } from "./exclusions";

/**
 * Every supported source file under `root` that the exclusions allow, as absolute paths. `onFile` hears
 * of each one as the walk finds it (in walk order), before the sorted list is ready.
 */
export async function discoverSourceFiles(root: string, options: ExclusionOptions = {}, onFile?: (filePath: string) => void): Promise<string[]> {
  const absoluteRoot = path.resolve(root);
  const exclusions = new ExclusionMatcher(absoluteRoot, options);
  const files = await new fdir()
    .withFullPaths()
    .exclude((_name, directoryPath) => exclusions.isExcludedDirectory(directoryPath.replace(/[\\/]+$/, "")))
    .filter((filePath, isDirectory) => {
      const accepted = !isDirectory && isSupportedFile(filePath) && !exclusions.isExcluded(filePath);
      if (accepted) onFile?.(filePath);
      return accepted;
    })
    .crawl(absoluteRoot)
    .withPromise();
  return files.sort();
}
