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
/**
 * Files editors and tools write beside the one being saved, then rename or delete: vim's swap files
 * (`.x.sql.swp`, `.swo`, …) and its write test `4913`, backups (`x.sql~`), emacs lock and autosave
 * files (`.#x.sql`, `#x.sql#`), JetBrains safe-write copies (`x___jb_tmp___`), `sed -i`'s temp files
 * (`sedAb12Cd`), kate swap files and `.tmp` files. Saving a view must not look like a change to them.
 */
const EDITOR_TEMP =
  /(?:\.sw[a-p]|\.swx|~|\.tmp|\.kate-swp|___jb_\w+___)$|(?:^|\/)(?:\.#[^/]*|#[^/]*#|4913|sed[A-Za-z0-9]{6}|\.DS_Store)$/;

/** True for an editor's or a tool's temporary file (the watcher ignores them; see EDITOR_TEMP). */
export function isEditorTempFile(file: string): boolean {
  return EDITOR_TEMP.test(file.split("\\").join("/"));
}

function kindOf(relative: string, configFile: string): DevChangedFile["kind"] {
  if (relative === configFile) return "config";
  if (isEditorTempFile(relative)) return "other";
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
