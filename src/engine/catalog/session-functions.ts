/**
 * Session and account functions the catalog answers, substituted into a query's Snowflake text
 * before translation: CURRENT_ROLE(), CURRENT_USER(), CURRENT_WAREHOUSE(), CURRENT_DATABASE(),
 * CURRENT_SCHEMA(), CURRENT_ACCOUNT(),
 * CURRENT_AVAILABLE_ROLES(), CURRENT_SECONDARY_ROLES(), IS_ROLE_IN_SESSION('r'), GET_DDL(…),
 * LAST_QUERY_ID(), TABLE(RESULT_SCAN(…)) over an earlier SHOW / DESCRIBE of the session, and
 * TABLE([db.]INFORMATION_SCHEMA.POLICY_REFERENCES(…)) (./policy-references.ts).
 * An unaliased call in the select list keeps Snowflake's column name (the call text, upper-cased).
 */
import type { CellValue, ResultColumn } from "../types.js";
import type { CatalogContext, CatalogEnv } from "./context.js";
import { catalogError } from "./errors.js";
import { type Token, tokenize } from "./lexer.js";
import { roleClosure, sessionRoles, userRoles } from "./privileges.js";
import type { CatalogResult } from "./results.js";
import { policyReferences } from "./policy-references.js";
import { getDdl } from "./show/ddl.js";

const TRIGGER =
  /\b(CURRENT_ROLE|CURRENT_USER|CURRENT_WAREHOUSE|CURRENT_DATABASE|CURRENT_SCHEMA|CURRENT_SCHEMAS|CURRENT_ACCOUNT|CURRENT_ACCOUNT_NAME|CURRENT_AVAILABLE_ROLES|CURRENT_SECONDARY_ROLES|CURRENT_SESSION|CURRENT_STATEMENT|ALL_USER_NAMES|IS_ROLE_IN_SESSION|GET_DDL|LAST_QUERY_ID|RESULT_SCAN|CURRENT_VERSION|POLICY_REFERENCES)\s*\(/i;

/** What CURRENT_VERSION() answers: a Snowflake-shaped release number. */
export const ENGINE_VERSION = "9.0.0";

/** Per-session memory of recent results (for RESULT_SCAN) and query ids (for LAST_QUERY_ID). */
export class SessionResults {
  private readonly pending = new Map<string, CatalogResult>();
  private readonly results = new Map<
    string,
    { columns: ResultColumn[]; rows: CellValue[][]; user: string }
  >();
  private readonly ids = new Map<string, string[]>();

  /** The catalog just produced this result for the session; recordQuery will name it. */
  remember(sessionId: string, result: CatalogResult): void {
    this.pending.set(sessionId, result);
  }

  /** The statement `queryId` of `user` in the session finished. */
  recorded(sessionId: string, queryId: string, user: string): void {
    const list = this.ids.get(sessionId) ?? [];
    list.push(queryId);
    if (list.length > 100) list.shift();
    this.ids.set(sessionId, list);
    const result = this.pending.get(sessionId);
    if (result) {
      this.pending.delete(sessionId);
      this.results.set(queryId, { columns: result.columns, rows: result.rows, user });
      if (this.results.size > 50) this.results.delete(this.results.keys().next().value!);
    }
  }

  lastQueryId(sessionId: string, offset: number): string | null {
    const list = this.ids.get(sessionId) ?? [];
    const index = offset < 0 ? list.length + offset : offset - 1;
    return list[index] ?? null;
  }

  /** A remembered result, for the user who ran it only (as RESULT_SCAN in Snowflake). */
  result(queryId: string, user: string) {
    const found = this.results.get(queryId);
    return found?.user === user ? found : undefined;
  }
}

/** A VARCHAR literal; NULL keeps the VARCHAR type (a bare NULL would come back as NUMBER). */
function text(s: string | null): string {
  return s === null ? "CAST(NULL AS VARCHAR)" : lit(s);
}

function lit(s: string | null): string {
  return s === null ? "NULL" : `'${s.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/** Index of the token closing the parenthesis opened at `open`. */
function closing(tokens: Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    if (tokens[j]!.text === "(" && tokens[j]!.kind === "symbol") depth++;
    if (tokens[j]!.text === ")" && tokens[j]!.kind === "symbol" && --depth === 0) return j;
  }
  return tokens.length - 1;
}

/** True when the call spanning tokens [i, end] is a whole select-list item without an alias. */
function bareSelectItem(tokens: Token[], i: number, end: number): boolean {
  const before = tokens[i - 1];
  const after = tokens[end + 1];
  const startsItem = before && (before.text.toUpperCase() === "SELECT" || before.text === ",");
  const endsItem =
    !after ||
    after.text === "," ||
    ["FROM", "UNION", "ORDER", "LIMIT", "WHERE"].includes(after.text.toUpperCase()) ||
    after.text === ";";
  return !!startsItem && endsItem;
}

export async function rewriteSessionFunctions(
  env: CatalogEnv,
  ctx: CatalogContext,
  results: SessionResults,
  sql: string,
): Promise<string> {
  if (!TRIGGER.test(sql)) return sql;
  const tokens = tokenize(sql);
  let out = "";
  let last = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== "word" || tokens[i + 1]?.text !== "(") continue;
    const name = t.text.toUpperCase();
    const prev = tokens[i - 1];
    if (name === "POLICY_REFERENCES") {
      const replaced = policyReferencesCall(env, ctx, sql, tokens, i);
      if (replaced) {
        out += sql.slice(last, replaced.start) + replaced.value;
        last = replaced.end;
        i = replaced.next;
      }
      continue;
    }
    if (prev?.text === ".") continue;
    const close = closing(tokens, i + 1);
    const args = splitArgs(sql, tokens, i + 1, close);
    let value: string | null = null;
    let start = t.start;
    let end = tokens[close]!.end;
    let aliasable = true;
    switch (name) {
      case "CURRENT_ROLE":
        value = lit(ctx.role);
        break;
      case "CURRENT_USER":
        value = lit(ctx.user);
        break;
      case "CURRENT_WAREHOUSE":
        value = text(ctx.warehouse);
        break;
      // Clients parse it as dotted integers (SQLAlchemy's dialect does, on connect); DuckDB's own
      // version() would say 'v1.x'.
      case "CURRENT_VERSION":
        value = lit(ENGINE_VERSION);
        break;
      // DuckDB's own answers would be its storage names ("memory", "DB.SCHEMA"), not the session's.
      case "CURRENT_DATABASE":
        value = text(ctx.database);
        break;
      case "CURRENT_SCHEMA":
        value = text(ctx.schema);
        break;
      case "CURRENT_SCHEMAS":
        // The search path: the current schema, then PUBLIC of the current database ($current, $public).
        value = lit(
          ctx.database === null
            ? "[]"
            : `[${[...new Set([ctx.schema, "PUBLIC"].filter((x) => x !== null))].map((x) => `"${ctx.database}.${x}"`).join(", ")}]`,
        );
        break;
      case "CURRENT_SESSION":
        value = lit(ctx.sessionId);
        break;
      case "CURRENT_STATEMENT":
        value = lit(ctx.statementText ?? sql);
        break;
      case "ALL_USER_NAMES":
        value = `PARSE_JSON(${lit(JSON.stringify([...env.store.users.keys()].sort()))})`;
        break;
      case "CURRENT_ACCOUNT":
      case "CURRENT_ACCOUNT_NAME":
        value = lit(env.account);
        break;
      case "CURRENT_AVAILABLE_ROLES":
        value = lit(JSON.stringify([...roleClosure(env, userRoles(env, ctx.user)).roles].sort()));
        break;
      case "CURRENT_SECONDARY_ROLES":
        value = lit(
          JSON.stringify({
            roles: ctx.secondaryRoles === "ALL" ? userRoles(env, ctx.user).sort().join(",") : "",
            value: ctx.secondaryRoles === "ALL" ? "ALL" : "",
          }),
        );
        break;
      case "IS_ROLE_IN_SESSION": {
        const arg = args[0] ?? "";
        const literal = /^'(.*)'$/s.exec(arg.trim());
        if (literal)
          value = sessionRoles(env, ctx).roles.has(literal[1]!.replace(/''/g, "'")) ? "TRUE" : "FALSE";
        else value = `((${arg}) IN (${[...sessionRoles(env, ctx).roles].map(lit).join(", ")}))`;
        break;
      }
      case "LAST_QUERY_ID": {
        const offset = args[0] ? Number(args[0].trim()) : -1;
        value = lit(results.lastQueryId(ctx.sessionId, Number.isFinite(offset) ? offset : -1));
        break;
      }
      case "GET_DDL": {
        const [kind, objectName, qualified] = args.map((a) => a.trim());
        const kindLit = /^'(.*)'$/s.exec(kind ?? "");
        const nameLit = /^'(.*)'$/s.exec(objectName ?? "");
        if (!kindLit || !nameLit) continue;
        value = lit(
          await getDdl(
            env,
            ctx,
            kindLit[1]!,
            nameLit[1]!.replace(/''/g, "'"),
            (qualified ?? "").toUpperCase() === "TRUE",
          ),
        );
        break;
      }
      case "RESULT_SCAN": {
        const inner = (args[0] ?? "").trim();
        let id: string | null = null;
        const idLit = /^'(.*)'$/s.exec(inner);
        if (idLit) id = idLit[1]!;
        else if (/^LAST_QUERY_ID\s*\(\s*(-?\d+)?\s*\)$/i.test(inner)) {
          const m = /(-?\d+)/.exec(inner);
          id = results.lastQueryId(ctx.sessionId, m ? Number(m[1]) : -1);
        } else continue;
        const found = id ? results.result(id, ctx.user) : undefined;
        if (!found) throw catalogError("000709", "02000", `Statement ${id ?? "<none>"} not found`);
        // TABLE(RESULT_SCAN(x)) becomes a derived table over the remembered rows.
        const table =
          tokens[i - 1]?.text === "(" && tokens[i - 2]?.text.toUpperCase() === "TABLE" ? i - 2 : -1;
        if (table >= 0) {
          start = tokens[table]!.start;
          end = tokens[close + 1]?.text === ")" ? tokens[close + 1]!.end : end;
          i = close + 1;
        }
        value = valuesTable(found.columns, found.rows);
        aliasable = false;
        break;
      }
      default:
        continue;
    }
    if (value === null) continue;
    const alias =
      aliasable && bareSelectItem(tokens, i, close)
        ? ` AS "${sql.slice(t.start, tokens[close]!.end).toUpperCase().replace(/"/g, '""')}"`
        : "";
    out += sql.slice(last, start) + value + alias;
    last = end;
    if (name !== "RESULT_SCAN") i = close;
  }
  return out + sql.slice(last);
}

/**
 * `TABLE([db.]INFORMATION_SCHEMA.POLICY_REFERENCES(…))` as a derived table of the catalog's answer;
 * undefined when the call is not in that form (then it is left to fail as an unknown function).
 */
function policyReferencesCall(
  env: CatalogEnv,
  ctx: CatalogContext,
  sql: string,
  tokens: Token[],
  i: number,
): { start: number; end: number; value: string; next: number } | undefined {
  let j = i - 1;
  if (tokens[j]?.text === "." && tokens[j - 1]?.text.toUpperCase() === "INFORMATION_SCHEMA") {
    j -= 2;
    if (tokens[j]?.text === "." && tokens[j - 1]?.kind === "word") j -= 2;
  } else if (tokens[j]?.text === ".") return undefined;
  if (tokens[j]?.text !== "(" || tokens[j - 1]?.text.toUpperCase() !== "TABLE") return undefined;
  const close = closing(tokens, i + 1);
  if (tokens[close + 1]?.text !== ")") return undefined;
  const found = policyReferences(env, ctx, splitArgs(sql, tokens, i + 1, close));
  return {
    start: tokens[j - 1]!.start,
    end: tokens[close + 1]!.end,
    value: valuesTable(found.columns, found.rows),
    next: close + 1,
  };
}

function splitArgs(sql: string, tokens: Token[], open: number, close: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let from = tokens[open]!.end;
  for (let j = open + 1; j < close; j++) {
    const tk = tokens[j]!;
    if (tk.kind === "symbol" && tk.text === "(") depth++;
    if (tk.kind === "symbol" && tk.text === ")") depth--;
    if (depth === 0 && tk.kind === "symbol" && tk.text === ",") {
      args.push(sql.slice(from, tk.start));
      from = tk.end;
    }
  }
  const lastArg = sql.slice(from, tokens[close]!.start);
  if (lastArg.trim() !== "" || args.length > 0) args.push(lastArg);
  return args;
}

function cellLiteral(v: CellValue, c: ResultColumn): string {
  if (v === null) return "NULL";
  if (c.type === "timestamp_ltz" && typeof v === "bigint") {
    const iso = new Date(Number(v / 1_000_000n)).toISOString().replace("T", " ").replace("Z", "");
    return `CAST('${iso}' AS TIMESTAMP)`;
  }
  if (c.type === "fixed" || c.type === "real") return String(v);
  if (c.type === "boolean") return v ? "TRUE" : "FALSE";
  return lit(String(v));
}

/** `(SELECT … FROM VALUES …)` with the SHOW's lower-case column names. */
function valuesTable(columns: ResultColumn[], rows: CellValue[][]): string {
  const names = columns.map((c) => `"${c.name.replace(/"/g, '""')}"`);
  if (rows.length === 0) {
    const nulls = columns.map(
      (c, k) =>
        `CAST(NULL AS ${c.type === "fixed" ? "NUMBER" : c.type === "timestamp_ltz" ? "TIMESTAMP" : "VARCHAR"}) AS ${names[k]}`,
    );
    return `(SELECT ${nulls.join(", ")} WHERE 1 = 0)`;
  }
  // One SELECT per row with aliased cells (quoted lower-case names survive only as select aliases).
  const selects = rows.map(
    (r) => `SELECT ${r.map((v, k) => `${cellLiteral(v, columns[k]!)} AS ${names[k]}`).join(", ")}`,
  );
  return `(${selects.join(" UNION ALL ")})`;
}
