/**
 * The persistent translation cache of a file engine (docs/decisions/009-persistent-translations.md):
 * `<engine file>.translations/`, one file per translation, named by the SHA-256 of everything the
 * translation depends on (key below), so that a statement seen by an earlier process is not
 * translated again and the transpiler is never loaded for it. Best effort both ways: an entry that
 * cannot be read, parsed or checked is a miss, and a directory that cannot be written is no cache;
 * neither ever fails a statement.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Directory } from "./directory.js";
import type { FoundRelation, NameScope } from "./resolve.js";
import type { Translation } from "./translate.js";

/** Bumped when the entry format changes. */
const FORMAT = 1;
/** Entries kept; beyond this, the older half is removed (once per process, when a write finds it). */
const MAX_ENTRIES = 4000;

/** Where the translations of the engine stored at `enginePath` live. */
export function translationsPath(enginePath: string): string {
  return `${enginePath}.translations`;
}

const sha256 = (text: string | Buffer) => createHash("sha256").update(text).digest("hex");

let buildStampValue: string | undefined;

/**
 * The engine's code and the transpiler's version: a digest of every file of this module's folder
 * tree (src/engine or dist/engine) and of @polyglot-sql/sdk's package.json. A rebuilt engine whose
 * translation code changed gets new keys, so old entries are never read.
 */
export function buildStamp(): string {
  if (buildStampValue !== undefined) return buildStampValue;
  const hash = createHash("sha256");
  const root = path.dirname(fileURLToPath(import.meta.url));
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(js|ts|json)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) {
        hash.update(path.relative(root, full)).update("\0").update(readFileSync(full)).update("\0");
      }
    }
  };
  walk(root);
  const sdkEntry = createRequire(import.meta.url).resolve("@polyglot-sql/sdk");
  hash.update(readFileSync(path.join(path.dirname(sdkEntry), "..", "package.json")));
  buildStampValue = hash.digest("hex");
  return buildStampValue;
}

const directoryStamps = new WeakMap<Directory, { version: number; stamp: string }>();

/**
 * The catalog facts a translation reads (declared column types and column lists of the relations,
 * the UDFs the function check accepts, which names are tables, views or sequences): a digest of the
 * whole metadata directory, so any DDL gives every statement new keys.
 */
export function directoryStamp(directory: Directory): string {
  const known = directoryStamps.get(directory);
  if (known?.version === directory.version) return known.stamp;
  const sorted = <T>(map: Map<string, T>) => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const stamp = sha256(
    JSON.stringify([
      sorted(directory.databaseMap),
      sorted(directory.schemaMap),
      sorted(directory.objectMap),
      sorted(directory.columnMap),
    ]),
  );
  directoryStamps.set(directory, { version: directory.version, stamp });
  return stamp;
}

/** The key of a translation: everything it depends on besides code (buildStamp is added by the store). */
export function translationKey(sql: string, scope: NameScope, directory: Directory): string {
  return JSON.stringify([directoryStamp(directory), scope, sql]);
}

/** A path from the AST's root to a node: property names and array indexes. */
type NodePath = (string | number)[];

interface StoredEntry {
  format: number;
  duckSql: string;
  ast: unknown;
  relations: { name: FoundRelation["name"]; node: NodePath; holder: NodePath | null }[];
  resultTypes: unknown;
  mergeDuplicateCheck?: string;
}

/** Paths to the given objects inside `root` (shared references are found by identity). */
function pathsTo(root: unknown, targets: Set<unknown>): Map<unknown, NodePath> {
  const found = new Map<unknown, NodePath>();
  const walk = (node: unknown, at: NodePath) => {
    if (typeof node !== "object" || node === null || found.size === targets.size) return;
    if (targets.has(node) && !found.has(node)) found.set(node, at);
    if (Array.isArray(node)) {
      for (const [i, child] of node.entries()) walk(child, [...at, i]);
    } else for (const [key, child] of Object.entries(node)) walk(child, [...at, key]);
  };
  walk(root, []);
  return found;
}

function follow(root: unknown, at: NodePath): unknown {
  let node = root;
  for (const step of at) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}

// JSON has no bigint (InferredType.maxUnscaled): tagged on the way out, restored on the way in.
const BIGINT_TAG = "$mercurios_bigint";
const toJson = (_key: string, value: unknown) =>
  typeof value === "bigint" ? { [BIGINT_TAG]: value.toString() } : value;
const fromJson = (_key: string, value: unknown) =>
  typeof value === "object" && value !== null && BIGINT_TAG in value && Object.keys(value).length === 1
    ? BigInt((value as Record<string, string>)[BIGINT_TAG] as string)
    : value;

/** The translation as stored, or null when it cannot be stored faithfully (a relation outside the AST). */
export function encodeTranslation(translation: Translation): string | null {
  const targets = new Set<unknown>();
  for (const r of translation.relations) {
    targets.add(r.node);
    if (r.holder !== null) targets.add(r.holder);
  }
  const paths = pathsTo(translation.ast, targets);
  const relations: StoredEntry["relations"] = [];
  for (const r of translation.relations) {
    const node = paths.get(r.node);
    const holder = r.holder === null ? null : paths.get(r.holder);
    if (node === undefined || holder === undefined) return null;
    relations.push({ name: r.name, node, holder });
  }
  const entry: StoredEntry = {
    format: FORMAT,
    duckSql: translation.duckSql,
    ast: translation.ast,
    relations,
    resultTypes: translation.resultTypes,
    ...(translation.mergeDuplicateCheck === undefined
      ? {}
      : { mergeDuplicateCheck: translation.mergeDuplicateCheck }),
  };
  return JSON.stringify(entry, toJson);
}

/** A stored translation back, with its relations pointing into its AST again; null when not one. */
export function decodeTranslation(text: string): Translation | null {
  const entry = JSON.parse(text, fromJson) as Partial<StoredEntry> | null;
  if (
    entry === null ||
    entry.format !== FORMAT ||
    typeof entry.duckSql !== "string" ||
    typeof entry.ast !== "object" ||
    entry.ast === null ||
    !Array.isArray(entry.relations) ||
    !(entry.resultTypes === null || Array.isArray(entry.resultTypes))
  )
    return null;
  const ast = entry.ast as Translation["ast"];
  const relations: FoundRelation[] = [];
  for (const r of entry.relations) {
    const node = follow(ast, r.node);
    const holder = r.holder === null ? null : follow(ast, r.holder);
    if (typeof node !== "object" || node === null || holder === undefined) return null;
    relations.push({
      name: r.name,
      node: node as FoundRelation["node"],
      holder: holder as FoundRelation["holder"],
    });
  }
  const translation: Translation = {
    duckSql: entry.duckSql,
    relations,
    ast,
    resultTypes: entry.resultTypes as Translation["resultTypes"],
  };
  if (typeof entry.mergeDuplicateCheck === "string")
    translation.mergeDuplicateCheck = entry.mergeDuplicateCheck;
  return translation;
}

/** One engine's stored translations. */
export class TranslationStore {
  private pruned = false;
  /** Lookups answered from the folder, and lookups that were not (this process). */
  hits = 0;
  misses = 0;

  constructor(readonly directory: string) {}

  private file(key: string): string {
    return path.join(this.directory, `${sha256(`${FORMAT}\0${buildStamp()}\0${key}`)}.json`);
  }

  /** The stored translation for `key`, or undefined (absent, unreadable, corrupt, other format). */
  get(key: string): Translation | undefined {
    const found = this.read(key);
    if (found === undefined) this.misses++;
    else this.hits++;
    return found;
  }

  private read(key: string): Translation | undefined {
    let text: string;
    try {
      text = readFileSync(this.file(key), "utf8");
    } catch {
      return undefined;
    }
    try {
      return decodeTranslation(text) ?? undefined;
    } catch {
      return undefined;
    }
  }

  /** Stores a translation; a failure to write (read-only folder, full disk) is silently no cache. */
  set(key: string, translation: Translation): void {
    try {
      const text = encodeTranslation(translation);
      if (text === null) return;
      mkdirSync(this.directory, { recursive: true, mode: 0o700 });
      const target = this.file(key);
      // Written whole, then renamed: a reader never sees half an entry.
      const temporary = `${target}.${process.pid}.tmp`;
      writeFileSync(temporary, text, { mode: 0o600 });
      renameSync(temporary, target);
      if (!this.pruned) this.prune();
    } catch {
      // The cache only saves time; the statement's outcome never depends on it.
    }
  }

  /** Keeps the folder under MAX_ENTRIES by removing the least recently written half. */
  private prune(): void {
    this.pruned = true;
    const names = readdirSync(this.directory);
    if (names.length <= MAX_ENTRIES) return;
    const entries = names
      .map((name) => {
        const full = path.join(this.directory, name);
        try {
          return { full, written: statSync(full).mtimeMs };
        } catch {
          return { full, written: 0 };
        }
      })
      .sort((a, b) => a.written - b.written);
    for (const entry of entries.slice(0, entries.length - MAX_ENTRIES / 2))
      rmSync(entry.full, { force: true });
  }
}
