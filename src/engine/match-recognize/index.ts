/**
 * MATCH_RECOGNIZE, which DuckDB lacks, in three steps (docs: src/engine/README.md):
 *
 * 1. The engine reads the input through an ordinary query (so it is authorised, masked and filtered
 *    like the statement): each row's number in PARTITION BY / ORDER BY order, its partition, and
 *    one flag per DEFINE symbol (navigation and window functions over the clause's partition).
 * 2. The matcher (matcher.ts) finds the matches per partition in TypeScript.
 * 3. The clause is replaced by a derived table that joins the input again to the matched rows
 *    (a temporary table, helper-table.ts: row number, match, sequence number, classifier,
 *    exclusion, and the rows the navigations of MEASURES read), with MEASURES as window aggregates
 *    over each match; the statement around it (outer SELECT, WHERE, ORDER BY, joins) runs unchanged.
 *
 * The row numbers of steps 1 and 3 come from the same ROW_NUMBER() over the partition and order
 * keys, then every orderable column of the input (read first with LIMIT 0), so that rows tying on
 * the keys get the same numbers in both reads: only rows equal in all those columns can swap, and
 * they are interchangeable.
 */
import { sfErrors } from "../errors.js";
import { isComment, tokenize } from "../split/index.js";
import { precedingCtes } from "../split/token-walk.js";
import { tieBreakers } from "../tie-breakers.js";
import type { CellValue, ResultColumn } from "../types.js";
import { findClause, type MatchRecognizeClause } from "./clause.js";
import { defineSql, HELPER, measureSql, type Navigation, stripQualifier } from "./expressions.js";
import type { HelperCell, HelperColumn } from "./helper-table.js";
import { type Match, type MatchedRow, matchPartition } from "./matcher.js";
import { hasExclusion, parsePattern, patternSymbols } from "./pattern.js";

/** What the expansion needs from the engine. */
export interface MatchRecognizeRuntime {
  /** Runs a Snowflake SELECT through the engine (authorised like the statement): columns and rows. */
  read(
    snowflakeSql: string,
  ): Promise<{ columns: Pick<ResultColumn, "name" | "type">[]; rows: CellValue[][] }>;
  /** Stores the matched rows as a table and returns the Snowflake name to read it by. */
  store(columns: HelperColumn[], rows: HelperCell[][]): Promise<string>;
}

const MAX_CLAUSES = 20;

/** The statement with every MATCH_RECOGNIZE clause replaced by the rows it produces. */
export async function expandMatchRecognize(sql: string, runtime: MatchRecognizeRuntime): Promise<string> {
  let out = sql;
  for (let n = 0; n < MAX_CLAUSES; n++) {
    const clause = findClause(out);
    if (clause === null) return out;
    out = out.slice(0, clause.start) + (await rewrite(out, clause, runtime)) + out.slice(clause.end);
  }
  return out;
}

/** One row of the matched-rows temporary table (helper-table.ts): a matched, excluded, empty or unmatched input row. */
interface HelperRow {
  row: number;
  matchId: number | null;
  matchNumber: number | null;
  sequence: number | null;
  classifier: string | null;
  excluded: boolean;
  empty: boolean;
  unmatched: boolean;
  last: boolean;
  targets: (number | null)[];
  values: (string | number | null)[];
}

/** The index (in the match's rows) a navigation reads for the row at index `current`, or null. */
function navigationTarget(nav: Navigation, rows: MatchedRow[], current: number): number | null {
  const end = nav.final ? rows.length - 1 : current;
  const lastMapped = (upTo: number) => {
    for (let i = upTo; i >= 0; i--) if ((rows[i] as MatchedRow).symbol === nav.symbol) return i;
    return null;
  };
  switch (nav.kind) {
    case "FIRST":
      if (nav.symbol === null) return 0;
      for (let i = 0; i <= end; i++) if ((rows[i] as MatchedRow).symbol === nav.symbol) return i;
      return null;
    case "LAST":
      return nav.symbol === null ? end : lastMapped(end);
    case "PREV":
    case "NEXT": {
      const base = nav.symbol === null ? end : lastMapped(end);
      if (base === null) return null;
      const target = nav.kind === "PREV" ? base - nav.offset : base + nav.offset;
      return target >= 0 && target < rows.length ? target : null;
    }
  }
}

function helperRows(match: Match, matchId: number, rowIds: number[], navigations: Navigation[]): HelperRow[] {
  if (match.rows.length === 0) {
    return [
      {
        row: rowIds[match.start] as number,
        matchId,
        matchNumber: match.number,
        sequence: null,
        classifier: null,
        excluded: false,
        empty: true,
        unmatched: false,
        last: true,
        targets: navigations.map(() => null),
        values: navigations.map(() => null),
      },
    ];
  }
  return match.rows.map((r, j) => {
    const targets = navigations.map((nav) => navigationTarget(nav, match.rows, j));
    return {
      row: rowIds[r.position] as number,
      matchId,
      matchNumber: match.number,
      sequence: j + 1,
      classifier: r.symbol,
      excluded: r.excluded,
      empty: false,
      unmatched: false,
      last: j === match.rows.length - 1,
      targets: targets.map((t) =>
        t === null ? null : (rowIds[(match.rows[t] as MatchedRow).position] as number),
      ),
      values: navigations.map((nav, k) => {
        const t = targets[k];
        if (t === null || t === undefined || nav.reads === "ROW") return null;
        return nav.reads === "CLASSIFIER" ? (match.rows[t] as MatchedRow).symbol : t + 1;
      }),
    };
  });
}

/** The helper table's columns, in the order of a HelperRow's cells. */
function helperColumns(navigations: Navigation[]): HelperColumn[] {
  return [
    { name: "__MR_R", type: "BIGINT" },
    { name: HELPER.matchId, type: "BIGINT" },
    { name: HELPER.matchNumber, type: "BIGINT" },
    { name: HELPER.sequence, type: "BIGINT" },
    { name: HELPER.classifier, type: "VARCHAR" },
    { name: HELPER.excluded, type: "BOOLEAN" },
    { name: HELPER.empty, type: "BOOLEAN" },
    { name: HELPER.unmatched, type: "BOOLEAN" },
    { name: HELPER.last, type: "BOOLEAN" },
    ...navigations.map((n): HelperColumn => ({ name: n.column, type: "BIGINT" })),
    ...navigations.map(
      (n): HelperColumn => ({
        name: n.column.replace(/^__MR_T/, "__MR_V"),
        type: n.reads === "CLASSIFIER" ? "VARCHAR" : "BIGINT",
      }),
    ),
  ];
}

function helperCells(h: HelperRow): HelperCell[] {
  return [
    h.row,
    h.matchId,
    h.matchNumber,
    h.sequence,
    h.classifier,
    h.excluded,
    h.empty,
    h.unmatched,
    h.last,
    ...h.targets,
    ...h.values,
  ];
}

/** The helper table as the statement reads it: numbers typed NUMBER like Snowflake's. */
function helperSelect(table: string, columns: HelperColumn[]): string {
  const items = columns.map((c) => (c.type === "BIGINT" ? `${c.name}::NUMBER AS ${c.name}` : c.name));
  return `(SELECT ${items.join(", ")} FROM ${table})`;
}

/** The partition key without the source's alias, as the output column of ONE ROW PER MATCH. */
function unqualified(expr: string, alias: string | null): string {
  if (alias === null) return expr;
  const prefix = `${alias}.`;
  return expr.trim().toUpperCase().startsWith(prefix.toUpperCase()) ? expr.trim().slice(prefix.length) : expr;
}

async function rewrite(
  sql: string,
  clause: MatchRecognizeClause,
  runtime: MatchRecognizeRuntime,
): Promise<string> {
  const pattern = parsePattern(clause.pattern);
  const symbols = patternSymbols(pattern);
  for (const d of clause.define) symbols.add(d.symbol);
  if (clause.emptyMatches === "UNMATCHED" && hasExclusion(pattern))
    throw sfErrors.compilation(
      "MATCH_RECOGNIZE: WITH UNMATCHED ROWS cannot be used with a pattern that has exclusions",
    );
  if (clause.rowsPerMatch === "ONE" && clause.partitionBy.length === 0 && clause.measures.length === 0)
    throw sfErrors.compilation("SELECT with no columns");

  const alias = clause.sourceAlias;
  const ctes = precedingCtes(
    sql,
    tokenize(sql).filter((t) => !isComment(t)),
    clause.start,
  );
  const sourceRef = `${clause.source}${alias ? ` AS ${alias}` : ""}`;
  const described = await runtime.read(`${ctes}SELECT * FROM ${sourceRef} LIMIT 0`);
  const keys = [...clause.partitionBy, ...clause.orderBy, ...tieBreakers(described.columns, alias)];
  const numbered = `SELECT *, ROW_NUMBER() OVER (${keys.length ? `ORDER BY ${keys.join(", ")}` : ""}) AS ${HELPER.row} FROM ${sourceRef}`;
  const window = `${clause.partitionBy.length ? `PARTITION BY ${clause.partitionBy.join(", ")} ` : ""}ORDER BY ${HELPER.row}`;
  const defined = clause.define.map((d) => d.symbol);
  const flags = clause.define.map((d, i) => `IFF(${defineSql(d.expr, symbols, window)}, 1, 0) AS __MR_F${i}`);
  const partition = clause.partitionBy.length
    ? `DENSE_RANK() OVER (ORDER BY ${clause.partitionBy.join(", ")})`
    : "1";
  const readSql = `${ctes}SELECT ${[HELPER.row, `${partition} AS __MR_PART`, ...flags].join(", ")} FROM (${numbered}) AS ${alias ?? "__MR_S"}`;

  const rows = (await runtime.read(readSql)).rows
    .map((r) => ({
      row: Number(r[0]),
      partition: String(r[1]),
      flags: r.slice(2).map((f) => Number(f) === 1),
    }))
    .sort((a, b) => a.row - b.row);
  const partitions = new Map<string, typeof rows>();
  for (const r of rows) {
    const list = partitions.get(r.partition);
    if (list) list.push(r);
    else partitions.set(r.partition, [r]);
  }

  let navigationCount = 0;
  const final = clause.rowsPerMatch === "ONE";
  const measures = clause.measures.map((m) => ({
    alias: m.alias,
    // Measures read the joined rows, where the source's alias no longer names anything.
    ...measureSql(
      alias ? stripQualifier(m.expr, alias) : m.expr,
      symbols,
      final,
      "__MR_SRC",
      () => `__MR_T${++navigationCount}`,
    ),
  }));
  const navigations = measures.flatMap((m) => m.navigations);

  const helpers: HelperRow[] = [];
  let matchId = 0;
  for (const part of partitions.values()) {
    const test = (position: number, symbol: string) => {
      const k = defined.indexOf(symbol);
      return k < 0 || (part[position]?.flags[k] ?? false);
    };
    const matches = matchPartition(pattern, part.length, test, clause.skip);
    const rowIds = part.map((r) => r.row);
    const covered = new Set<number>();
    for (const match of matches) {
      matchId++;
      if (match.rows.length === 0) covered.add(match.start);
      for (const r of match.rows) covered.add(r.position);
      if (match.rows.length === 0 && clause.rowsPerMatch === "ALL" && clause.emptyMatches === "OMIT")
        continue;
      helpers.push(...helperRows(match, matchId, rowIds, navigations));
    }
    if (clause.emptyMatches === "UNMATCHED" && clause.rowsPerMatch === "ALL") {
      part.forEach((r, position) => {
        if (covered.has(position)) return;
        helpers.push({
          row: r.row,
          matchId: null,
          matchNumber: null,
          sequence: null,
          classifier: null,
          excluded: false,
          empty: false,
          unmatched: true,
          last: true,
          targets: navigations.map(() => null),
          values: navigations.map(() => null),
        });
      });
    }
  }

  const columns = helperColumns(navigations);
  const table = await runtime.store(columns, helpers.map(helperCells));
  const wrap = (m: string) =>
    clause.emptyMatches === "UNMATCHED" ? `IFF(${HELPER.unmatched}, NULL, ${m})` : m;
  const measureItems = measures.map((m) => `${wrap(m.sql)} AS ${m.alias}`);
  const helperNames = [
    HELPER.row,
    "__MR_R",
    HELPER.matchId,
    HELPER.matchNumber,
    HELPER.sequence,
    HELPER.classifier,
    HELPER.excluded,
    HELPER.empty,
    HELPER.unmatched,
    HELPER.last,
    ...navigations.flatMap((n) => [n.column, n.column.replace(/^__MR_T/, "__MR_V")]),
  ];
  const projection =
    clause.rowsPerMatch === "ONE"
      ? [
          ...clause.partitionBy.map((p) => unqualified(p, alias)),
          ...clause.measures.map((m) => m.alias),
        ].join(", ")
      : `* EXCLUDE (${helperNames.join(", ")})`;
  const filter = clause.rowsPerMatch === "ONE" ? HELPER.last : `NOT ${HELPER.excluded}`;
  const joined = `SELECT __MR_SRC.*, __MR_M.*${measureItems.map((m) => `, ${m}`).join("")} FROM __MR_SRC JOIN ${helperSelect(table, columns)} AS __MR_M ON __MR_SRC.${HELPER.row} = __MR_M.__MR_R`;
  return `(WITH __MR_SRC AS (${numbered}) SELECT ${projection} FROM (${joined}) AS __MR_J WHERE ${filter}) AS ${clause.alias ?? "__MR_OUT"}`;
}
