/** The filters every SHOW takes: LIKE, IN, STARTS WITH, LIMIT … FROM, in Snowflake's order. */
import type { CatalogContext, CatalogEnv } from "../context.js";
import { catalogError } from "../errors.js";
import type { Cursor } from "../lexer.js";
import { likeMatcher } from "../names.js";

export interface ShowScope {
  kind: "ACCOUNT" | "DATABASE" | "SCHEMA" | "OBJECT";
  database?: string;
  schema?: string;
  /** For IN TABLE / IN VIEW (SHOW COLUMNS). */
  object?: string[];
  /** `IN <name>` without DATABASE or SCHEMA: a database of that name, else a schema of the current one. */
  bare?: boolean;
}

export interface ShowFilters {
  like: ((name: string) => boolean) | null;
  scope: ShowScope | null;
  startsWith: string | null;
  limit: number | null;
  from: string | null;
  /** `WITH PRIVILEGES p, …` (SHOW DATABASES / SCHEMAS): the privileges, upper case, as written. */
  privileges: string[] | null;
}

/** What a SHOW accepts beyond the common filters. */
export interface ShowFilterOptions {
  /** `IN TABLE t` / `IN VIEW v` words (SHOW COLUMNS). */
  scopeWords?: string[];
  /** Accepts a trailing `WITH PRIVILEGES p [, p …]`. */
  privileges?: boolean;
  /**
   * `IN <name>` without a keyword names the object itself, however qualified, and `IN TABLE` alone
   * the current schema (SHOW PRIMARY / UNIQUE / IMPORTED KEYS: `IN [ TABLE ] <table_name>`).
   */
  bareObject?: boolean;
}

/** The scope of a SHOW: its IN clause, else the current database, else the account. */
export function scopeOf(f: { scope: ShowScope | null }, ctx: CatalogContext): ShowScope {
  if (f.scope) return f.scope;
  return ctx.database ? { kind: "DATABASE", database: ctx.database } : { kind: "ACCOUNT" };
}

/**
 * Settles `IN <name>`: Snowflake reads a bare name as a schema of the current database (SHOW VIEWS
 * … IN PUBLIC, as SQLAlchemy sends it) unless a database has that name.
 */
export async function settleScope(
  env: CatalogEnv,
  ctx: CatalogContext,
  scope: ShowScope,
): Promise<ShowScope> {
  if (!scope.bare || scope.kind !== "DATABASE" || !ctx.database) return scope;
  const name = scope.database as string;
  if ((await env.directory.databases()).some((d) => d.name === name)) return scope;
  if (!(await env.directory.schemas(ctx.database)).some((s) => s.name === name)) return scope;
  return { kind: "SCHEMA", database: ctx.database, schema: name };
}

/** Whether a schema object lies inside a SHOW's scope. */
export function inScope(r: { database: string; schema: string }, scope: ShowScope): boolean {
  if (scope.kind === "ACCOUNT") return true;
  if (r.database !== scope.database) return false;
  return scope.kind !== "SCHEMA" || r.schema === scope.schema;
}

/**
 * Parses `[LIKE '<p>'] [IN …] [STARTS WITH '<s>'] [LIMIT n [FROM '<name>']]`, and
 * `[WITH PRIVILEGES p, …]` where the SHOW takes it; the policy commands (SHOW ROW ACCESS / MASKING
 * POLICIES) write `LIMIT … FROM` before `IN`, which is taken too.
 */
export function parseShowFilters(
  c: Cursor,
  ctx: CatalogContext,
  options: string[] | ShowFilterOptions = {},
): ShowFilters {
  const {
    scopeWords = [],
    privileges = false,
    bareObject = false,
  } = Array.isArray(options) ? { scopeWords: options } : options;
  const f: ShowFilters = {
    like: null,
    scope: null,
    startsWith: null,
    limit: null,
    from: null,
    privileges: null,
  };
  if (c.acceptKw("LIKE")) f.like = likeMatcher(c.string("a LIKE pattern"));
  if (c.acceptKw("IN")) f.scope = parseScope(c, ctx, scopeWords, bareObject);
  if (c.acceptKw("STARTS", "WITH")) f.startsWith = c.string();
  if (c.acceptKw("LIMIT")) {
    f.limit = c.number();
    if (c.acceptKw("FROM")) f.from = c.string();
    if (f.scope === null && c.acceptKw("IN")) f.scope = parseScope(c, ctx, scopeWords, bareObject);
  }
  if (privileges && c.acceptKw("WITH", "PRIVILEGES")) f.privileges = privilegeList(c);
  if (!c.atEnd()) c.fail("end of statement");
  return f;
}

/** `USAGE, MODIFY, CREATE SCHEMA`: privileges of one or more words, separated by commas. */
function privilegeList(c: Cursor): string[] {
  const list: string[] = [];
  let words: string[] = [];
  for (;;) {
    const t = c.peek();
    if (!t || (t.kind === "symbol" && t.text === ",")) {
      if (words.length === 0) c.fail("a privilege");
      list.push(words.join(" "));
      words = [];
      if (!t) return list;
      c.next();
      continue;
    }
    if (t.kind !== "word") c.fail("a privilege");
    words.push(c.next().text.toUpperCase());
  }
}

function parseScope(c: Cursor, ctx: CatalogContext, objectWords: string[], bareObject: boolean): ShowScope {
  if (c.acceptKw("ACCOUNT")) return { kind: "ACCOUNT" };
  if (c.acceptKw("DATABASE")) {
    if (c.atEnd() || c.isKw("STARTS") || c.isKw("LIMIT")) {
      if (!ctx.database) throw noCurrent("database");
      return { kind: "DATABASE", database: ctx.database };
    }
    return { kind: "DATABASE", database: c.ident() };
  }
  if (c.acceptKw("SCHEMA")) {
    if (c.atEnd() || c.isKw("STARTS") || c.isKw("LIMIT")) {
      if (!ctx.database || !ctx.schema) throw noCurrent("schema");
      return { kind: "SCHEMA", database: ctx.database, schema: ctx.schema };
    }
    return schemaScope(c.name(), ctx);
  }
  for (const w of objectWords) {
    if (!c.acceptKw(w)) continue;
    // `IN TABLE` without a name: the current schema, else the current database, else the account.
    if (bareObject && (c.atEnd() || c.isKw("STARTS") || c.isKw("LIMIT"))) {
      if (!ctx.database) return { kind: "ACCOUNT" };
      if (!ctx.schema) return { kind: "DATABASE", database: ctx.database };
      return { kind: "SCHEMA", database: ctx.database, schema: ctx.schema };
    }
    return { kind: "OBJECT", object: c.name() };
  }
  const name = c.name();
  if (bareObject) return { kind: "OBJECT", object: name };
  if (objectWords.length > 0 && name.length === 3) return { kind: "OBJECT", object: name };
  if (name.length === 1) return { kind: "DATABASE", database: name[0]!, bare: true };
  return schemaScope(name, ctx);
}

function schemaScope(name: string[], ctx: CatalogContext): ShowScope {
  if (name.length === 2) return { kind: "SCHEMA", database: name[0]!, schema: name[1]! };
  if (!ctx.database) throw noCurrent("database");
  return { kind: "SCHEMA", database: ctx.database, schema: name[0]! };
}

function noCurrent(what: "database" | "schema") {
  return catalogError(
    what === "database" ? "090105" : "090106",
    "22000",
    `Cannot perform SHOW. This session does not have a current ${what}. Call 'USE ${what.toUpperCase()}', or use a qualified name.`,
  );
}

/** Applies LIKE, STARTS WITH and LIMIT … FROM to rows already in Snowflake's order. */
export function applyFilters<T>(items: T[], f: ShowFilters, nameOf: (item: T) => string): T[] {
  let out = items;
  if (f.like) out = out.filter((i) => f.like!(nameOf(i)));
  if (f.startsWith !== null) out = out.filter((i) => nameOf(i).startsWith(f.startsWith!));
  // LIMIT … FROM 'name' pages on: the rows after that name (drivers page with the last name seen).
  if (f.from !== null) out = out.filter((i) => nameOf(i) > f.from!);
  if (f.limit !== null) out = out.slice(0, f.limit);
  return out.slice(0, 10000);
}

/** Sorts by name the way SHOW does (byte order). */
export function byName<T>(nameOf: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0);
}
