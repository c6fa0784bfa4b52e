/**
 * What a burst of saved files means for the dev loop: view files, view test files, migrations, the
 * config, or something to ignore (editor swap files, other folders). Pure: paths in, a plan out.
 */
import path from "node:path";
import type { DevChangedFile } from "../../report/dev-status.js";

/** The files of one burst, sorted into what the loop has to do. */
export interface ChangeSet {
  /** Every file of the burst, relative to the root with `/` separators, in the order first seen. */
  files: DevChangedFile[];
  /** views/<SCHEMA>/<VIEW>.sql files. */
  views: string[];
  /** views/<SCHEMA>/<VIEW>.test.yaml files. */
  tests: string[];
  /** Anything under migrations/ (scripts, partials, seed scripts). */
  migrations: string[];
  /** Whether the config file changed. */
  config: boolean;
}

/** A path the watcher reported, and whether the file is gone. */
export interface SavedPath {
  path: string;
  event?: "change" | "unlink";
}

const VIEW_FILE = /^views\/[^/]+\/[^/]+\.sql$/i;
const TEST_FILE = /^views\/.+\.test\.ya?ml$/i;
/** Editor leftovers: vim swap and backup files, emacs lock files, JetBrains safe-write copies. */
const EDITOR_TEMP = /(?:\.swp|\.swx|~|\.tmp|___jb_\w+___)$|(?:^|\/)\.#|(?:^|\/)4913$/;

function kindOf(relative: string, configFile: string): DevChangedFile["kind"] {
  if (relative === configFile) return "config";
  if (EDITOR_TEMP.test(relative)) return "other";
  if (TEST_FILE.test(relative)) return "test";
  if (VIEW_FILE.test(relative)) return "view";
  if (relative.startsWith("migrations/") && !relative.endsWith("/")) return "migration";
  return "other";
}

/**
 * Sorts saved paths (absolute, or relative to `root`) into a ChangeSet. The last event of a path
 * wins (an editor that deletes and re-creates a file saved it).
 */
export function classifyChanges(root: string, configFile: string, saved: readonly SavedPath[]): ChangeSet {
  const config = path.relative(root, path.resolve(root, configFile)).split(path.sep).join("/");
  const byFile = new Map<string, DevChangedFile>();
  for (const entry of saved) {
    const relative = path.relative(root, path.resolve(root, entry.path)).split(path.sep).join("/");
    byFile.delete(relative);
    byFile.set(relative, { file: relative, kind: kindOf(relative, config), event: entry.event ?? "change" });
  }
  const files = [...byFile.values()];
  const of = (kind: DevChangedFile["kind"]) => files.filter((f) => f.kind === kind).map((f) => f.file);
  return {
    files,
    views: of("view"),
    tests: of("test"),
    migrations: of("migration"),
    config: files.some((f) => f.kind === "config"),
  };
}
