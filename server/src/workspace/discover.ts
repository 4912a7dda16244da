import { fdir } from "fdir";
import * as path from "node:path";
import { isSupportedFile } from "../engine/languages";
import { ExclusionMatcher, type ExclusionOptions } from "./exclusions";

/**
 * Every supported source file under `root` that the exclusions allow, as absolute paths. `onFile` hears
 * of each one as the walk finds it (in walk order), before the sorted list is ready.
 */
export async function discoverSourceFiles(root: string, options: ExclusionOptions = {}, onFile?: (filePath: string) => void): Promise<string[]> {
  return (await crawler(root, options, onFile).withPromise()).sort();
}

/**
 * The same walk, synchronously: for the CLI, which has nothing else to do meanwhile. It costs about half
 * the CPU time of the asynchronous walk (no thread-pool round trip per folder), which matters while
 * scan workers load the compiler on the other core.
 */
export function discoverSourceFilesSync(root: string, options: ExclusionOptions = {}, onFile?: (filePath: string) => void): string[] {
  return crawler(root, options, onFile).sync().sort();
}

function crawler(root: string, options: ExclusionOptions, onFile: ((filePath: string) => void) | undefined) {
  const absoluteRoot = path.resolve(root);
  const exclusions = new ExclusionMatcher(absoluteRoot, options);
  return new fdir()
    .withFullPaths()
    .exclude((_name, directoryPath) => exclusions.isExcludedDirectory(directoryPath.replace(/[\\/]+$/, "")))
    .filter((filePath, isDirectory) => {
      const accepted = !isDirectory && isSupportedFile(filePath) && !exclusions.isExcluded(filePath);
      if (accepted) onFile?.(filePath);
      return accepted;
    })
    .crawl(absoluteRoot);
}
