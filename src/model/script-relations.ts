/**
 * Which tables and views a project's migration scripts leave behind, read from their SQL with the
 * Snowflake tokenizer (@polyglot-sql/sdk): `CREATE … TABLE|VIEW name`, `ALTER TABLE|VIEW name RENAME
 * TO other`, `DROP TABLE|VIEW name`, followed in run order, with `USE DATABASE` / `USE SCHEMA`
 * changing where unqualified names land. Tokens, not patterns on the text: names inside strings,
 * comments and `$$` bodies (a procedure that would create a table when called) are not statements.
 * Validation uses it to know the relations a view may read without an account. Pure: no database.
 */
import { Dialect, tokenize } from "@polyglot-sql/sdk";

interface Token {
  token_type: string;
  text: string;
}

/** One rendered script and where it starts: its schema folder, in the environment's database. */
export interface ScriptText {
  sql: string;
  file: string;
  database: string;
  /** The schema the script starts in (its folder); null for a script at the top of migrations/. */
  schema: string | null;
}

/** A relation a script created and did not drop, and the script that created it. */
export interface CreatedRelation {
  /** `DB.SCHEMA.NAME`, upper-cased (see `relationKey`). */
  name: string;
  file: string;
}

/**
 * The comparison key of a relation: its three parts upper-cased. The parser's query analysis drops
 * the quotes of a quoted name (`"lower"` and `lower` both come back as `lower`), so relations are
 * matched without regard to case: a wrong case is missed, never reported falsely.
 */
export function relationKey(parts: readonly string[]): string {
  return parts.map((p) => p.toUpperCase()).join(".");
}

const CREATE_MODIFIERS = new Set([
  "OR",
  "REPLACE",
  "SECURE",
  "TRANSIENT",
  "TEMPORARY",
  "TEMP",
  "LOCAL",
  "GLOBAL",
  "VOLATILE",
  "MATERIALIZED",
  "RECURSIVE",
  "DYNAMIC",
  "EXTERNAL",
  "EVENT",
  "ICEBERG",
  "HYBRID",
]);
const RELATION_WORDS = new Set(["TABLE", "VIEW"]);

/** Relations left by the scripts, run in the given order; keyed by `relationKey`. */
export function relationsCreatedByScripts(scripts: readonly ScriptText[]): Map<string, CreatedRelation> {
  const relations = new Map<string, CreatedRelation>();
  for (const script of scripts) {
    const result = tokenize(script.sql, Dialect.Snowflake) as unknown as {
      success: boolean;
      tokens: Token[] | null;
    };
    // A script that does not tokenize is reported by the migration checks; it creates nothing known.
    if (!result.success || !result.tokens) continue;
    const where = { database: script.database, schema: script.schema ?? "PUBLIC" };
    for (const statement of statements(result.tokens)) apply(statement, where, relations, script.file);
  }
  return relations;
}

function statements(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [[]];
  for (const token of tokens) {
    if (token.token_type === "SEMICOLON") out.push([]);
    else out[out.length - 1]!.push(token);
  }
  return out.filter((s) => s.length > 0);
}

const word = (token: Token | undefined) =>
  token?.token_type === "QUOTED_IDENTIFIER" ? "" : (token?.text ?? "").toUpperCase();

/** A dotted name starting at `start`: its parts as Snowflake stores them, and the index after it. */
function nameAt(tokens: readonly Token[], start: number): { parts: string[]; next: number } | undefined {
  const parts: string[] = [];
  let i = start;
  for (;;) {
    const token = tokens[i];
    if (!token) break;
    if (token.token_type === "QUOTED_IDENTIFIER") parts.push(token.text);
    else if (/^[A-Za-z_][\w$]*$/.test(token.text)) parts.push(token.text.toUpperCase());
    else break;
    i++;
    if (tokens[i]?.token_type !== "DOT") break;
    i++;
  }
  return parts.length > 0 ? { parts, next: i } : undefined;
}

function qualify(parts: readonly string[], where: { database: string; schema: string }): string {
  const full =
    parts.length >= 3
      ? parts.slice(-3)
      : parts.length === 2
        ? [where.database, ...parts]
        : [where.database, where.schema, ...parts];
  return relationKey(full);
}

/** Skips `IF NOT EXISTS` / `IF EXISTS` at `i`. */
function skipIf(tokens: readonly Token[], i: number): number {
  if (word(tokens[i]) !== "IF") return i;
  return word(tokens[i + 1]) === "NOT" ? i + 3 : i + 2;
}

function apply(
  tokens: readonly Token[],
  where: { database: string; schema: string },
  relations: Map<string, CreatedRelation>,
  file: string,
): void {
  const verb = word(tokens[0]);
  if (verb === "USE") {
    const target = word(tokens[1]);
    const at = target === "SCHEMA" || target === "DATABASE" ? 2 : 1;
    const name = nameAt(tokens, at);
    if (!name || target === "ROLE" || target === "WAREHOUSE" || target === "SECONDARY") return;
    if (target === "DATABASE") {
      where.database = name.parts[0]!;
      where.schema = "PUBLIC";
    } else if (name.parts.length >= 2) {
      where.database = name.parts[name.parts.length - 2]!;
      where.schema = name.parts[name.parts.length - 1]!;
    } else where.schema = name.parts[0]!;
    return;
  }
  if (verb === "CREATE") {
    let i = 1;
    while (CREATE_MODIFIERS.has(word(tokens[i]))) i++;
    if (!RELATION_WORDS.has(word(tokens[i]))) return;
    const name = nameAt(tokens, skipIf(tokens, i + 1));
    if (name) relations.set(qualify(name.parts, where), { name: qualify(name.parts, where), file });
    return;
  }
  if (verb === "DROP" && RELATION_WORDS.has(word(tokens[1]))) {
    const name = nameAt(tokens, skipIf(tokens, 2));
    if (name) relations.delete(qualify(name.parts, where));
    return;
  }
  if (verb === "ALTER" && RELATION_WORDS.has(word(tokens[1]))) {
    const name = nameAt(tokens, skipIf(tokens, 2));
    if (!name || word(tokens[name.next]) !== "RENAME" || word(tokens[name.next + 1]) !== "TO") return;
    const renamed = nameAt(tokens, name.next + 2);
    const from = qualify(name.parts, where);
    if (!renamed || !relations.has(from)) return;
    relations.delete(from);
    // `RENAME TO other` keeps the schema of the renamed object unless the new name says otherwise.
    const [database, schema] = from.split(".");
    const to = qualify(renamed.parts, { database: database!, schema: schema! });
    relations.set(to, { name: to, file });
  }
}
