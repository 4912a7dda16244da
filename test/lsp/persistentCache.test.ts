// The saved clean files come back with the URIs the scan would give them: names that URIs spell as
// they are take their folder's URI plus the name, the others are encoded as vscode-uri encodes them.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { URI } from "vscode-uri";
import { EMPTY_RESULT_ID } from "../../server/src/lsp/convert";
import type { FileEntry } from "../../server/src/lsp/fileCache";
import { PersistentCache } from "../../server/src/lsp/persistentCache";

describe("persistent cache", () => {
  it("restores clean files with exactly the URIs URI.file gives their paths", () => {
    const storage = fs.mkdtempSync(path.join(os.tmpdir(), "rm-cache-uri-"));
    try {
      const folders = [path.join(storage, "src"), path.join(storage, "with space"), path.join(storage, "ünïcode")];
      const names = ["plain-name_1.ts", "tilde~x.js", "a b.ts", "ä.py", "100%.ts", "#hash.ts", "q?.ts", ".hidden.ts"];
      const entries: FileEntry[] = folders.flatMap((folder) =>
        names.map((name) => {
          const fsPath = path.join(folder, name);
          return { fsPath, uri: URI.file(fsPath).toString(), mtimeMs: 1, size: 2, analysisKey: "k", diagnostics: [], resultId: EMPTY_RESULT_ID, definitions: [] };
        }),
      );
      const cache = new PersistentCache(storage, (message) => assert.fail(message));
      cache.save(entries);
      const loaded = cache.loadCleanFiles();
      assert.deepEqual(
        loaded.map((entry) => [entry.fsPath, entry.uri]).sort(),
        entries.map((entry) => [entry.fsPath, entry.uri]).sort(),
      );
    } finally {
      fs.rmSync(storage, { recursive: true, force: true });
    }
  });
});
