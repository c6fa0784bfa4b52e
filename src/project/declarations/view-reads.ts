/**
 * Views must read relations that will exist: a declared view whose SQL reads a table or view that is
 * neither declared, nor left by the project's migrations, nor (when a target is known) present in the
 * account is a validation problem, reported with every other one before `plan`. Without this, a typo
 * in a table name passes `plan` and fails on Snowflake at `apply`, after other steps have run.
 *
 * What a view reads comes from the parser's query analysis (`dependsOn`: base tables, CTE names and
 * table functions such as FLATTEN, GENERATOR or TABLE(…) excluded). Snowflake's shared database
 * SNOWFLAKE (ACCOUNT_USAGE, …) and every INFORMATION_SCHEMA are always there.
 */
import { ProjectError } from "../../errors/index.js";
import {
  type CreatedRelation,
  type ModelObject,
  relationKey,
  resolveIdentifier,
  splitQualifiedName,
  type ViewObject,
} from "../../model/index.js";
import { Dialect, tokenize } from "@polyglot-sql/sdk";

/** What validation knows about the relations that exist besides the declared views. */
export interface KnownRelations {
  /** Relations the environment's migrations leave behind (`relationsCreatedByScripts`). */
  created: ReadonlyMap<string, CreatedRelation>;
  /**
   * The target account, when one is known (plan, apply, up, drift): given relations nothing in the
   * project creates, answers with the `relationKey`s of those that exist. Asked only when there are such.
   */
  inAccount?: (relations: readonly string[][]) => Promise<ReadonlySet<string>>;
}

/** Problems of views reading relations that will not exist (empty when every read is known). */
export async function checkViewReads(
  objects: Iterable<ModelObject>,
  database: string,
  known: KnownRelations,
): Promise<ProjectError[]> {
  const all = [...objects];
  const declared = new Set(
    all
      .filter((o) => o.kind === "view" || o.kind === "table")
      .map((o) => relationKey(splitQualifiedName(o.name))),
  );
  const projectDatabase = resolveIdentifier(database).toUpperCase();
  const unknown: { view: ViewObject; parts: string[]; key: string }[] = [];
  for (const view of all.filter((o): o is ViewObject => o.kind === "view")) {
    for (const read of view.dependsOn ?? []) {
      const parts = splitQualifiedName(read);
      const key = relationKey(parts);
      if (declared.has(key) || known.created.has(key) || alwaysThere(parts)) continue;
      unknown.push({ view, parts, key });
    }
  }
  if (unknown.length === 0) return [];
  const exists = known.inAccount
    ? await known.inAccount([...new Map(unknown.map((u) => [u.key, u.parts])).values()])
    : new Set<string>();
  const candidates = [...declared, ...known.created.keys()];
  return (
    unknown
      // Without an account, relations of other databases cannot be told apart from missing ones.
      .filter((u) => !exists.has(u.key) && (known.inAccount || u.parts[0]!.toUpperCase() === projectDatabase))
      .map(({ view, parts }) => missingRead(view, parts, candidates, known.inAccount !== undefined))
  );
}

function alwaysThere(parts: readonly string[]): boolean {
  return parts[0]!.toUpperCase() === "SNOWFLAKE" || parts[1]!.toUpperCase() === "INFORMATION_SCHEMA";
}

function missingRead(
  view: ViewObject,
  parts: string[],
  candidates: string[],
  askedAccount: boolean,
): ProjectError {
  const name = parts.join(".");
  const close = closest(relationKey(parts), candidates);
  const where = askedAccount ? ", nor in the account" : "";
  return new ProjectError(
    "VIEW_READS_MISSING",
    `reads ${name}, which is not declared, not created by a migration${where}`,
    {
      location: {
        object: `VIEW ${view.name}`,
        ...(view.source ? { file: view.source } : {}),
        ...lineOf(view, parts),
      },
      hint: `${close ? `Did you mean ${close}? ` : ""}Fix the name, create ${name} in a migration (migrations/<SCHEMA>/V<version>__<description>.sql), or declare it as a view (views/<SCHEMA>/<NAME>.sql).`,
    },
  );
}

/**
 * The line of the view file where the relation is named: the first token of its last part that is
 * qualified with its schema (`RAW.ORDERS`) or follows FROM, JOIN or a comma, so that a column alias
 * of the same name (`COUNT(*) AS ORDERS`) is not taken for it.
 */
function lineOf(view: ViewObject, parts: readonly string[]): { line?: number } {
  if (view.sourceLine === undefined) return {};
  const result = tokenize(view.query, Dialect.Snowflake) as unknown as {
    success: boolean;
    tokens: { token_type: string; text: string; span: { line: number } }[] | null;
  };
  const tokens = result.tokens ?? [];
  const same = (i: number, part: string | undefined) => tokens[i]?.text.toUpperCase() === part?.toUpperCase();
  const last = parts[parts.length - 1];
  const at = tokens.findIndex(
    (_, i) =>
      same(i, last) &&
      ((tokens[i - 1]?.token_type === "DOT" && same(i - 2, parts[parts.length - 2])) ||
        ["FROM", "JOIN", "COMMA"].includes(tokens[i - 1]?.token_type ?? "")),
  );
  return { line: view.sourceLine + (at >= 0 ? tokens[at]!.span.line - 1 : 0) };
}

/** The known relation nearest to `key` in spelling (at most a third of its name's letters off). */
function closest(key: string, candidates: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  const limit = Math.max(1, Math.floor((key.split(".").pop() ?? key).length / 3));
  for (const candidate of candidates) {
    const distance = editDistance(key, candidate);
    if (distance <= limit && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}
