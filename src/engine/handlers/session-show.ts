/**
 * SHOW VARIABLES, SHOW TRANSACTIONS, SHOW LOCKS (locks.ts) and DESCRIBE RESULT: metadata about the session's own state (its variables, the
 * results of its earlier statements), which the core holds and the catalog does not see.
 */
import { Cursor } from "../cursor.js";
import { SnowflakeError } from "../errors.js";
import { type HandlerOutput, showColumn } from "../result.js";
import type { StatementContext } from "../session.js";
import type { StatementKind } from "../types.js";
import { showLocks } from "./locks.js";
import { handleQuery } from "./query.js";

/** True for the statements this module answers (the core asks before the catalog's SHOW / DESCRIBE). */
export function isSessionShow(words: readonly string[]): boolean {
  const [first, second] = words;
  if (first === "SHOW") return second === "VARIABLES" || second === "TRANSACTIONS" || second === "LOCKS";
  return (first === "DESC" || first === "DESCRIBE") && second === "RESULT";
}

export async function handleSessionShow(ctx: StatementContext): Promise<HandlerOutput> {
  if (ctx.words[0] !== "SHOW") return describeResult(ctx);
  if (ctx.words[1] === "LOCKS") return showLocks(ctx);
  return ctx.words[1] === "VARIABLES" ? showVariables(ctx) : showTransactions(ctx);
}

/** SHOW's LIKE: case-insensitive, `%` and `_` wildcards, `\\` escapes the next character. */
function likeMatcher(pattern: string): (name: string) => boolean {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === "\\" && i + 1 < pattern.length)
      re += (pattern[++i] as string).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    else if (ch === "%") re += "[\\s\\S]*";
    else if (ch === "_") re += "[\\s\\S]";
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  const matcher = new RegExp(`^${re}$`, "i");
  return (name) => matcher.test(name);
}

function nanos(ms: number | undefined): bigint | null {
  return ms === undefined ? null : BigInt(ms) * 1_000_000n;
}

/** `SHOW VARIABLES [ LIKE '<pattern>' ]`: one row per variable, by name. */
function showVariables(ctx: StatementContext): HandlerOutput {
  const c = new Cursor(ctx.sql);
  c.expect("SHOW", "VARIABLES");
  const like = c.accept("LIKE") ? likeMatcher(c.string()) : null;
  if (!c.done) c.fail();
  const sessionId = ctx.session.id;
  const numericId = /^\d+$/.test(sessionId);
  const names = [...ctx.session.variables.keys()].filter((n) => like === null || like(n)).sort();
  return {
    kind: "SHOW" satisfies StatementKind,
    columns: [
      showColumn("session_id", numericId ? "fixed" : "text"),
      showColumn("created_on", "timestamp_ltz"),
      showColumn("updated_on", "timestamp_ltz"),
      showColumn("name", "text"),
      showColumn("value", "text"),
      showColumn("type", "text"),
      showColumn("comment", "text"),
    ],
    rows: names.map((name) => {
      const v = ctx.session.variables.get(name)!;
      return [sessionId, nanos(v.createdOn), nanos(v.updatedOn), name, v.text, v.type ?? "text", ""];
    }),
  };
}

/**
 * `SHOW TRANSACTIONS [ IN ACCOUNT ]`: the session's open explicit transaction. Its id is the start
 * time in epoch milliseconds times 10^6, as Snowflake's ids are. Other sessions' transactions
 * (IN ACCOUNT) are not listed: the engine keeps no account-wide list of them.
 */
function showTransactions(ctx: StatementContext): HandlerOutput {
  const c = new Cursor(ctx.sql);
  c.expect("SHOW", "TRANSACTIONS");
  if (c.accept("IN")) c.expect("ACCOUNT");
  if (!c.done) c.fail();
  const session = ctx.session;
  const open = session.inTransaction ? session.transactionInfo : null;
  return {
    kind: "SHOW",
    columns: [
      showColumn("id", "fixed"),
      showColumn("user", "text"),
      showColumn("session", /^\d+$/.test(session.id) ? "fixed" : "text"),
      showColumn("name", "text"),
      showColumn("started_on", "timestamp_ltz"),
      showColumn("state", "text"),
      showColumn("scope", "fixed"),
    ],
    rows: open
      ? [
          [
            String(BigInt(open.startedOn) * 1_000_000n),
            session.stateValue.user,
            session.id,
            open.name,
            nanos(open.startedOn),
            "running",
            "0",
          ],
        ]
      : [],
  };
}

/** `DESC[RIBE] RESULT { '<query_id>' | LAST_QUERY_ID([n]) }`: the columns of an earlier result. */
async function describeResult(ctx: StatementContext): Promise<HandlerOutput> {
  const c = new Cursor(ctx.sql);
  if (!c.accept("DESCRIBE")) c.expect("DESC");
  c.expect("RESULT");
  const target = c.rest().trim();
  let scanned: string;
  if (/^'[^']*'$/.test(target)) scanned = target;
  else if (/^LAST_QUERY_ID\s*\(\s*-?\d*\s*\)$/i.test(target)) scanned = target;
  else
    throw new SnowflakeError(
      "001003",
      "42000",
      `SQL compilation error:\nsyntax error line 1 at position ${ctx.sql.length - target.length} unexpected '${target.slice(0, 20)}'.`,
    );
  // The earlier result's columns as RESULT_SCAN reads it (SELECT results and SHOW results alike).
  const out = await handleQuery({
    ...ctx,
    sql: `SELECT * FROM TABLE(RESULT_SCAN(${scanned})) LIMIT 0`,
    words: ["SELECT"],
    deferRows: false,
    internal: true,
  });
  const yn = (b: boolean) => (b ? "Y" : "N");
  return {
    kind: "DESCRIBE",
    columns: [
      "name",
      "type",
      "kind",
      "null?",
      "default",
      "primary key",
      "unique key",
      "check",
      "expression",
      "comment",
    ].map((n) => showColumn(n, "text")),
    rows: out.columns.map((col) => [
      col.name,
      col.sqlType,
      "COLUMN",
      yn(col.nullable),
      null,
      "N",
      "N",
      null,
      null,
      null,
    ]),
  };
}
