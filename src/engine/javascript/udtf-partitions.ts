/**
 * JavaScript table functions called in FROM, run as the UDTF page describes
 * (developer-guide/udf/javascript/udf-javascript-tabular-functions): the rows of the FROM items
 * before the call are its input, grouped into partitions (`OVER (PARTITION BY … ORDER BY …)`,
 * `OVER ()` or no OVER: one partition, as Snowflake makes of a small input); per partition a fresh
 * handler object gets initialize(), processRow() per row in order and finalize(). A row processRow()
 * writes is joined to its input row; a row finalize() writes has the PARTITION BY columns of its
 * partition and NULL in the input's other columns.
 *
 * A per-row DuckDB macro cannot see partitions, so the call is run in three steps, like
 * MATCH_RECOGNIZE (match-recognize/index.ts):
 *
 * 1. The engine reads the input through ordinary queries (authorised and filtered like the
 *    statement): each FROM item's columns (LIMIT 0), then each input row's number in partition /
 *    order order (ties broken by every orderable column, so a second read numbers rows alike), its
 *    partition key and its arguments as the JavaScript side takes them.
 * 2. The handler runs per partition in the QuickJS runtime of JavaScript UDFs (udf-runtime.ts), and
 *    the written rows go to a temporary table (sequence, input row number, from finalize(), the
 *    RETURNS TABLE columns cast to their declared types).
 * 3. The FROM items up to the call become one derived table per item, with the item's alias and
 *    columns, joined to the written rows by their input row number, and the call becomes a derived
 *    table of the written rows; a hidden sequence column joins them and is left out of `*`.
 *
 * A call the rewrite cannot place (after a FROM item without a name, in a LEFT JOIN, with column
 * aliases) keeps the macro, where each input row is its own partition (which Snowflake's implicit
 * partitioning allows); with an OVER clause it is refused.
 */
import { sfErrors } from "../errors.js";
import { type Token, tokenize } from "../split/index.js";
import {
  closingParen,
  isPunct,
  isWord,
  precedingCtes,
  QUERY_CLAUSE_ENDS,
  tokenDepths,
} from "../split/token-walk.js";
import { tieBreakers } from "../tie-breakers.js";
import type { CellValue, ResultColumn } from "../types.js";
import type { JavascriptTableFunction, UdfArgument } from "./udf-macro.js";
import type { UdfValueKind } from "./udf-runtime.js";

/** A JavaScript table function the catalog holds. */
export interface JavascriptTableFunctionInfo extends JavascriptTableFunction {
  args: UdfArgument[];
  columns: UdfArgument[];
}

/** A row the handler wrote: the input row it belongs to (by number), whether finalize() wrote it, its cells as text. */
export interface WrittenRow {
  seq: number;
  inputRow: number;
  fromFinalize: boolean;
  cells: (string | null)[];
}

/** What the rewrite needs from the engine. */
export interface UdtfPartitionRuntime {
  /** The JavaScript table function a call's name (parts as Snowflake stores them) names, else undefined. */
  tableFunction(parts: string[]): JavascriptTableFunctionInfo | undefined;
  /** Runs a Snowflake SELECT through the engine (authorised like the statement). */
  read(sql: string): Promise<{ columns: Pick<ResultColumn, "name" | "type">[]; rows: CellValue[][] }>;
  /** Runs the handler over one partition (see udf-function.ts runTablePartition). */
  run(
    fn: JavascriptTableFunctionInfo,
    rows: (string | null)[][],
    consts: boolean[],
  ): [number, ...(string | null)[]][];
  /** Stores the written rows as a temporary table; the Snowflake name to read it by. */
  store(fn: JavascriptTableFunctionInfo, rows: WrittenRow[]): Promise<string>;
}

const MAX_CALLS = 20;

/** Words that end a FROM item rather than name it. */
const NOT_ALIASES = new Set([
  ...QUERY_CLAUSE_ENDS,
  "JOIN",
  "INNER",
  "LEFT",
  "RIGHT",
  "FULL",
  "OUTER",
  "CROSS",
  "NATURAL",
  "ASOF",
  "ON",
  "USING",
  "LATERAL",
  "MATCH_RECOGNIZE",
  "PIVOT",
  "UNPIVOT",
  "SAMPLE",
  "TABLESAMPLE",
  "START",
  "CONNECT",
  "AS",
  "MATCH_CONDITION",
]);
const JOIN_WORDS = new Set(["JOIN", "INNER", "LEFT", "RIGHT", "FULL", "OUTER", "CROSS", "NATURAL", "ASOF"]);

/** One FROM item before the call: its text range and alias (as written, and as Snowflake folds it). */
interface FromItem {
  alias: string;
  key: string;
}

/** A call found in a FROM clause, and what stands around it. */
interface Call {
  fn: JavascriptTableFunctionInfo;
  /** Token indexes: TABLE, the call's argument parentheses, the TABLE's closing parenthesis. */
  table: number;
  argsOpen: number;
  argsClose: number;
  close: number;
  over: { partition: string[]; order: string[] } | null;
  /** The FROM keyword of its level, and the last token of the FROM items before the call (-1: none). */
  from: number;
  leftEnd: number;
  alias: { text: string; key: string; end: number } | null;
}

const tokenText = (sql: string, t: Token | undefined) => (t ? sql.slice(t.start, t.end) : "");
const rangeText = (sql: string, tokens: Token[], from: number, to: number) =>
  from > to ? "" : sql.slice((tokens[from] as Token).start, (tokens[to] as Token).end);

/** A name token as Snowflake stores it: unquoted upper-cased, quoted as written. */
function storedName(sql: string, t: Token): string {
  return t.kind === "quoted-identifier"
    ? tokenText(sql, t).slice(1, -1).replaceAll('""', '"')
    : (t.upper ?? "");
}

const isName = (t: Token | undefined) =>
  t !== undefined &&
  (t.kind === "quoted-identifier" || (t.kind === "word" && !NOT_ALIASES.has(t.upper ?? "")));

/** Splits tokens [from, to] at depth `level` commas into ranges. */
function splitAtCommas(
  sql: string,
  tokens: Token[],
  depth: number[],
  from: number,
  to: number,
): [number, number][] {
  const out: [number, number][] = [];
  let start = from;
  for (let i = from; i <= to + 1; i++) {
    if (i > to || (depth[i] === depth[from] && isPunct(sql, tokens[i], ","))) {
      if (i - 1 >= start) out.push([start, i - 1]);
      start = i + 1;
    }
  }
  return out;
}

/** The OVER clause's PARTITION BY and ORDER BY items; anything else there is refused. */
function parseOver(sql: string, tokens: Token[], depth: number[], open: number, close: number) {
  let i = open + 1;
  const partition: string[] = [];
  const order: string[] = [];
  const items = (from: number, stop: (k: number) => boolean): number => {
    let end = from;
    while (end < close && !stop(end)) end++;
    for (const [a, b] of splitAtCommas(sql, tokens, depth, from, end - 1))
      partition.push(rangeText(sql, tokens, a, b));
    return end;
  };
  if (isWord(tokens[i], "PARTITION") && isWord(tokens[i + 1], "BY"))
    i = items(i + 2, (k) => depth[k] === depth[open + 1] && isWord(tokens[k], "ORDER"));
  if (isWord(tokens[i], "ORDER") && isWord(tokens[i + 1], "BY")) {
    for (const [a, b] of splitAtCommas(sql, tokens, depth, i + 2, close - 1))
      order.push(rangeText(sql, tokens, a, b));
    i = close;
  }
  if (i !== close) throw sfErrors.syntax(1, 0, tokenText(sql, tokens[i]));
  return { partition, order };
}

/** The FROM items of tokens [from, to] (one level), each with its alias; null when one has none the rewrite can name. */
function fromItems(
  sql: string,
  tokens: Token[],
  depth: number[],
  from: number,
  to: number,
): FromItem[] | null {
  const level = depth[from];
  const items: FromItem[] = [];
  let start = from;
  const close = (end: number): boolean => {
    // An item's own join condition is not part of it.
    let last = end;
    for (let k = start; k <= end; k++)
      if (
        depth[k] === level &&
        (isWord(tokens[k], "ON") || isWord(tokens[k], "USING") || isWord(tokens[k], "MATCH_CONDITION"))
      ) {
        last = k - 1;
        break;
      }
    let first = start;
    if (isWord(tokens[first], "LATERAL")) first++;
    const alias = itemAlias(sql, tokens, first, last);
    if (alias === null) return false;
    items.push(alias);
    return true;
  };
  for (let i = from; i <= to + 1; i++) {
    const t = tokens[i];
    const separator =
      i > to || (depth[i] === level && (isPunct(sql, t, ",") || JOIN_WORDS.has(t?.upper ?? "")));
    if (!separator) continue;
    if (i - 1 >= start && !close(i - 1)) return null;
    // Skip the whole run of join words (LEFT OUTER JOIN).
    while (i + 1 <= to && JOIN_WORDS.has(tokens[i + 1]?.upper ?? "") && depth[i + 1] === level) i++;
    start = i + 1;
  }
  return items;
}

/** The alias of one FROM item [first, last]: `name`, `a.b.name`, `<item> [AS] alias`; else null. */
function itemAlias(sql: string, tokens: Token[], first: number, last: number): FromItem | null {
  if (last < first) return null;
  const chainEnd = (from: number): number => {
    let k = from;
    if (!isName(tokens[k])) return -1;
    while (isPunct(sql, tokens[k + 1], ".") && isName(tokens[k + 2])) k += 2;
    return k;
  };
  const named = (t: Token): FromItem => ({ alias: tokenText(sql, t), key: storedName(sql, t) });
  if (chainEnd(first) === last) return named(tokens[last] as Token);
  const aliasToken = tokens[last] as Token;
  if (!isName(aliasToken)) return null;
  const before = tokens[last - 1];
  if (isWord(before, "AS") || isPunct(sql, before, ")") || chainEnd(first) === last - 1)
    return named(aliasToken);
  return null;
}

/** The first JavaScript table function call in FROM at or after token `after`, or null. */
function findCall(
  sql: string,
  tokens: Token[],
  depth: number[],
  after: number,
  runtime: UdtfPartitionRuntime,
): Call | null {
  for (let t = after; t + 3 < tokens.length; t++) {
    if (!isWord(tokens[t], "TABLE") || !isPunct(sql, tokens[t + 1], "(")) continue;
    let k = t + 2;
    if (!isName(tokens[k])) continue;
    const parts = [storedName(sql, tokens[k] as Token)];
    while (isPunct(sql, tokens[k + 1], ".") && isName(tokens[k + 2])) {
      k += 2;
      parts.push(storedName(sql, tokens[k] as Token));
    }
    if (!isPunct(sql, tokens[k + 1], "(")) continue;
    const fn = runtime.tableFunction(parts);
    if (fn === undefined) continue;
    const argsOpen = k + 1;
    const argsClose = closingParen(sql, tokens, argsOpen);
    if (argsClose < 0) continue;
    let close = argsClose + 1;
    let over: Call["over"] = null;
    if (isWord(tokens[close], "OVER") && isPunct(sql, tokens[close + 1], "(")) {
      const overClose = closingParen(sql, tokens, close + 1);
      if (overClose < 0) continue;
      over = parseOver(sql, tokens, depth, close + 1, overClose);
      close = overClose + 1;
    }
    if (!isPunct(sql, tokens[close], ")")) continue;
    return { fn, table: t, argsOpen, argsClose, close, over, from: -1, leftEnd: -1, alias: null };
  }
  return null;
}

/** Places a call in its FROM clause (its level's FROM, the items before it, its alias); false when it cannot. */
function place(sql: string, tokens: Token[], depth: number[], call: Call): boolean {
  const level = depth[call.table] as number;
  let from = -1;
  for (let j = call.table - 1; j >= 0; j--) {
    if ((depth[j] as number) < level) return false;
    if (depth[j] === level && isWord(tokens[j], "FROM")) {
      from = j;
      break;
    }
    if (depth[j] === level && isWord(tokens[j], "SELECT")) return false;
  }
  if (from < 0) return false;
  // What joins the call to the items before it: nothing (first item), a comma, JOIN, CROSS / INNER JOIN.
  const before = call.table - 1;
  if (before === from) call.leftEnd = -1;
  else if (isPunct(sql, tokens[before], ",")) call.leftEnd = before - 1;
  else if (isWord(tokens[before], "JOIN")) {
    const kind = tokens[before - 1];
    if (isWord(kind, "CROSS") || isWord(kind, "INNER")) call.leftEnd = before - 2;
    else if (JOIN_WORDS.has(kind?.upper ?? "")) return false;
    else call.leftEnd = before - 1;
  } else return false;
  call.from = from;
  // An alias after the call; a column alias list or a join condition is left to the macro.
  let k = call.close + 1;
  if (isWord(tokens[k], "AS")) k++;
  if (isName(tokens[k])) {
    call.alias = { text: tokenText(sql, tokens[k]), key: storedName(sql, tokens[k] as Token), end: k };
    k++;
  }
  if (isPunct(sql, tokens[k], "(") || isWord(tokens[k], "ON") || isWord(tokens[k], "USING")) return false;
  return true;
}

/** True when an argument is a constant: literals, casts and NULL only (initialize()'s isConst). */
function isConstant(sql: string, tokens: Token[], from: number, to: number): boolean {
  for (let i = from; i <= to; i++) {
    const t = tokens[i] as Token;
    if (t.kind === "string" || t.kind === "punct") continue;
    if (t.kind !== "word") return false;
    if (/^[0-9]/.test(t.upper ?? "") || ["TRUE", "FALSE", "NULL", "CAST", "AS"].includes(t.upper ?? ""))
      continue;
    // A type name after `::` or CAST's AS.
    if (isPunct(sql, tokens[i - 1], ":") || isWord(tokens[i - 1], "AS")) continue;
    return false;
  }
  return true;
}

/** Snowflake SQL reading an argument as the JavaScript side takes it (see cellText), cast to its declared type first. */
function argumentRead(kind: UdfValueKind, type: string, expression: string): string {
  const declared = `CAST(${expression} AS ${type})`;
  switch (kind) {
    case "number":
      return `CAST(${declared} AS DOUBLE)`;
    case "date":
      return `CAST(${declared} AS TIMESTAMP_LTZ)`;
    default:
      return declared;
  }
}

/** An argument's cell as the runtime's text for its kind (udf-runtime.ts `decode`). */
function cellText(kind: UdfValueKind, cell: CellValue): string | null {
  if (cell === null) return null;
  switch (kind) {
    case "date": {
      const nanos =
        typeof cell === "object" && !(cell instanceof Uint8Array) ? cell.epochNanos : BigInt(cell as bigint);
      const ms = nanos / 1_000_000n - (nanos % 1_000_000n < 0n ? 1n : 0n);
      return String(ms);
    }
    case "binary":
      return Buffer.from(cell as Uint8Array).toString("hex");
    default:
      return String(cell);
  }
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The statement with every JavaScript table function call in a FROM clause run by partitions. */
export async function expandJavascriptTableFunctions(
  sql: string,
  runtime: UdtfPartitionRuntime,
): Promise<string> {
  if (!/\bTABLE\s*\(/i.test(sql)) return sql;
  let out = sql;
  let after = 0;
  for (let n = 1; n <= MAX_CALLS; n++) {
    const tokens = tokenize(out).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
    const depth = tokenDepths(out, tokens);
    const call = findCall(out, tokens, depth, after, runtime);
    if (call === null) return out;
    // A call whose arguments do not match the signature keeps the macro, which reports it.
    const arity = splitAtCommas(out, tokens, depth, call.argsOpen + 1, call.argsClose - 1).length;
    const left =
      arity === call.fn.args.length && place(out, tokens, depth, call)
        ? call.leftEnd < 0
          ? []
          : fromItems(out, tokens, depth, call.from + 1, call.leftEnd)
        : null;
    if (left === null) {
      if (call.over !== null)
        throw sfErrors.unsupported(
          `OVER (…) for the JavaScript table function ${call.fn.definition.name} after these FROM items in the local engine`,
        );
      // The macro runs it, each input row a partition of its own.
      after = call.close + 1;
      continue;
    }
    const rewritten = await rewrite(out, tokens, depth, call, left, n, runtime);
    if (rewritten === null) {
      after = call.close + 1;
      continue;
    }
    out = rewritten.sql;
    after = 0;
  }
  return out;
}

/** One call rewritten (see the file comment). */
async function rewrite(
  sql: string,
  tokens: Token[],
  depth: number[],
  call: Call,
  left: FromItem[],
  n: number,
  runtime: UdtfPartitionRuntime,
): Promise<{ sql: string } | null> {
  const fn = call.fn;
  const ctes = precedingCtes(sql, tokens, (tokens[call.table] as Token).start);
  const leftText = call.leftEnd < 0 ? "" : rangeText(sql, tokens, call.from + 1, call.leftEnd);
  const argRanges = splitAtCommas(sql, tokens, depth, call.argsOpen + 1, call.argsClose - 1);

  // 1. The input: each item's columns, then its rows numbered in partition / order order. A read
  // that fails (an argument naming an outer query's column, which only the statement's own scope
  // knows) leaves a call without OVER to the macro, where the statement reports any real error.
  const read = async (text: string) => {
    try {
      return await runtime.read(text);
    } catch (error) {
      if (call.over === null) return null;
      throw error;
    }
  };
  const itemColumns: Pick<ResultColumn, "name" | "type">[][] = [];
  for (const item of left) {
    const columns = await read(`${ctes}SELECT ${item.alias}.* FROM ${leftText} LIMIT 0`);
    if (columns === null) return null;
    itemColumns.push(columns.columns);
  }
  const partition = call.over?.partition ?? [];
  const ties = left.flatMap((item, i) => tieBreakers(itemColumns[i] ?? [], item.alias));
  const numbering = [...partition, ...(call.over?.order ?? []), ...ties];
  const rowNumber = `ROW_NUMBER() OVER (${numbering.length === 0 ? "" : `ORDER BY ${numbering.join(", ")}`})`;
  const reads = [
    `${rowNumber} AS MERC_RN`,
    ...partition.map((p, i) => `${p} AS MERC_K${i + 1}`),
    ...argRanges.map(
      ([a, b], i) =>
        `${argumentRead(fn.definition.kinds[i] as UdfValueKind, fn.args[i]?.type ?? "VARCHAR", rangeText(sql, tokens, a, b))} AS MERC_A${i + 1}`,
    ),
  ];
  const input = await read(`${ctes}SELECT ${reads.join(", ")}${leftText === "" ? "" : ` FROM ${leftText}`}`);
  if (input === null) return null;

  // 2. The handler per partition; rows keep their partition's first appearance order.
  const partitions = new Map<string, CellValue[][]>();
  const rows = [...input.rows].sort((a, b) => Number(a[0]) - Number(b[0]));
  for (const row of rows) {
    const key = JSON.stringify(row.slice(1, 1 + partition.length), (_, v) =>
      typeof v === "bigint" ? String(v) : v,
    );
    const group = partitions.get(key) ?? [];
    group.push(row);
    partitions.set(key, group);
  }
  const consts = argRanges.map(([a, b]) => isConstant(sql, tokens, a, b));
  const written: WrittenRow[] = [];
  for (const group of partitions.values()) {
    const args = group.map((row) =>
      fn.args.map((_, i) =>
        cellText(fn.definition.kinds[i] as UdfValueKind, row[1 + partition.length + i] ?? null),
      ),
    );
    for (const [index, ...cells] of runtime.run(fn, args, consts)) {
      const source = group[Math.max(index, 0)] as CellValue[];
      written.push({ seq: written.length + 1, inputRow: Number(source[0]), fromFinalize: index < 0, cells });
    }
  }
  const helper = await runtime.store(fn, written);

  // 3. The FROM items and the call as derived tables over the written rows.
  const hidden = `MERC_UDTF_SEQ_${n}`;
  const outputAlias = call.alias?.text ?? `MERC_UDTF_${n}`;
  const first = left[0];
  // Without input items nothing joins the written rows: no hidden column.
  const outputColumns = fn.columns.map((c, i) => `MERC_O${i + 1} AS ${quoted(c.name)}`);
  if (first !== undefined) outputColumns.push(`MERC_SEQ AS ${hidden}`);
  const output = `(SELECT ${outputColumns.join(", ")} FROM ${helper}) AS ${outputAlias}`;
  const partitionColumns = partitionColumnsOf(partition);
  const derived = left.map((item, i) => {
    const columns = itemColumns[i] ?? [];
    const leftRead = `SELECT ${[rowNumber + " AS MERC_RN", ...columns.map((c, j) => `${item.alias}.${quoted(c.name)} AS MERC_C${j + 1}`)].join(", ")} FROM ${leftText}`;
    const select = columns.map((c, j) => {
      const value = `MERC_L.MERC_C${j + 1}`;
      const kept = partitionColumns.some(
        (p) => p.column === c.name && (p.qualifier === null || p.qualifier === item.key),
      );
      return `${kept ? value : `CASE WHEN MERC_H.MERC_FIN THEN NULL ELSE ${value} END`} AS ${quoted(c.name)}`;
    });
    return `(SELECT ${[...select, `MERC_H.MERC_SEQ AS ${hidden}`].join(", ")} FROM ${helper} AS MERC_H JOIN (${leftRead}) AS MERC_L ON MERC_L.MERC_RN = MERC_H.MERC_RN) AS ${item.alias}`;
  });
  const joined =
    first === undefined
      ? output
      : [
          derived[0],
          ...derived
            .slice(1)
            .map((d, i) => `JOIN ${d} ON ${left[i + 1]?.alias}.${hidden} = ${first.alias}.${hidden}`),
          `JOIN ${output} ON ${outputAlias}.${hidden} = ${first.alias}.${hidden}`,
        ].join(" ");
  const end = call.alias?.end ?? call.close;
  let out =
    sql.slice(0, (tokens[call.from + 1] as Token).start) + joined + sql.slice((tokens[end] as Token).end);
  if (first !== undefined) {
    const aliases = new Set([...left.map((item) => item.key), call.alias?.key ?? outputAlias]);
    out = hideFromStars(sql, tokens, depth, call.from, aliases, hidden, out);
  }
  return { sql: out };
}

/** PARTITION BY items that are columns (`c`, `alias.c`), as Snowflake folds their names. */
function partitionColumnsOf(partition: string[]): { qualifier: string | null; column: string }[] {
  const out: { qualifier: string | null; column: string }[] = [];
  for (const text of partition) {
    const tokens = tokenize(text).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
    if (tokens.length === 1 && isName(tokens[0]))
      out.push({ qualifier: null, column: storedName(text, tokens[0] as Token) });
    else if (tokens.length === 3 && isName(tokens[0]) && isPunct(text, tokens[1], ".") && isName(tokens[2]))
      out.push({
        qualifier: storedName(text, tokens[0] as Token),
        column: storedName(text, tokens[2] as Token),
      });
  }
  return out;
}

/**
 * `*` and `alias.*` in the SELECT list of the call's level leave the hidden sequence column out.
 * The edits are made on `sql`'s select list, which stands before the FROM and so is the same text
 * in `rewritten`.
 */
function hideFromStars(
  sql: string,
  tokens: Token[],
  depth: number[],
  from: number,
  aliases: Set<string>,
  hidden: string,
  rewritten: string,
): string {
  const level = depth[from];
  let select = -1;
  for (let j = from - 1; j >= 0; j--) {
    if (depth[j] === level && isWord(tokens[j], "SELECT")) {
      select = j;
      break;
    }
  }
  if (select < 0) return rewritten;
  let firstItem = select + 1;
  if (isWord(tokens[firstItem], "DISTINCT") || isWord(tokens[firstItem], "ALL")) firstItem++;
  if (isWord(tokens[firstItem], "TOP")) firstItem += 2;
  const edits: { at: number; end: number; text: string }[] = [];
  for (const [a, b] of splitAtCommas(sql, tokens, depth, firstItem, from - 1)) {
    let star = -1;
    if (isPunct(sql, tokens[a], "*")) star = a;
    else if (isName(tokens[a]) && isPunct(sql, tokens[a + 1], ".") && isPunct(sql, tokens[a + 2], "*")) {
      if (aliases.has(storedName(sql, tokens[a] as Token))) star = a + 2;
    }
    if (star < 0) continue;
    const next = tokens[star + 1];
    if (star + 1 <= b && isWord(next, "EXCLUDE")) {
      const list = tokens[star + 2] as Token;
      if (isPunct(sql, list, "(")) edits.push({ at: list.end, end: list.end, text: `${hidden}, ` });
      else edits.push({ at: list.start, end: list.end, text: `(${hidden}, ${tokenText(sql, list)})` });
    } else {
      const t = tokens[star] as Token;
      edits.push({ at: t.end, end: t.end, text: ` EXCLUDE (${hidden})` });
    }
  }
  let out = rewritten;
  for (const e of edits.sort((x, y) => y.at - x.at)) out = out.slice(0, e.at) + e.text + out.slice(e.end);
  return out;
}
