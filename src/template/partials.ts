/** Partials: shared SQL snippets in `migrations/_partials/` and `views/_partials/`, used as `{{> name}}`. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** A partial file: `{{> tenant_filter}}` is `_partials/tenant_filter.sql`; subfolders give `a/b`. */
export interface PartialFile {
  name: string;
  file: string;
}

/**
 * Lists the partials in the given directories (missing directories are skipped). When two directories
 * define the same name, the first directory wins, so callers list the nearest directory first.
 */
export function findPartials(dirs: readonly string[]): Map<string, PartialFile> {
  const found = new Map<string, PartialFile>();
  for (const dir of dirs) {
    for (const file of listSqlFiles(dir)) {
      const name = path
        .relative(dir, file)
        .replace(/\\/g, "/")
        .replace(/\.sql$/, "");
      if (!found.has(name)) found.set(name, { name, file });
    }
  }
  return found;
}

function listSqlFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry);
    const stat = statSync(full);
    if (stat.isDirectory()) files.push(...listSqlFiles(full));
    else if (entry.endsWith(".sql")) files.push(full);
  }
  return files;
}

/** Reads a partial's text. */
export function readPartial(partial: PartialFile): string {
  return readFileSync(partial.file, "utf8");
}
