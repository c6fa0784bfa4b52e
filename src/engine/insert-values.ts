/**
 * What Snowflake checks in the VALUES clause of a single-table INSERT, which DuckDB does not:
 *
 * - Some expressions cannot be a value (the INSERT page's usage notes): subqueries, window and
 *   aggregate functions, and values of a semi-structured type (PARSE_JSON, ARRAY_CONSTRUCT, an
 *   ARRAY or OBJECT constant, a cast to VARIANT / ARRAY / OBJECT). Snowflake refuses them at compile
 *   time with 002014 "Invalid expression [...] in VALUES clause"; the statement should be an
 *   INSERT ... SELECT instead.
 * - A multi-row VALUES list is typed by its first row ("the data type of the first row is used as
 *   a guide"): where the first row holds a number literal, a later row's string literal is converted
 *   to a number, and a string that is not one fails with 100038, even when the column is VARCHAR.
 *   DuckDB takes the rows' common type (VARCHAR) and inserts. Only literals are typed here; a value
 *   written as an expression keeps DuckDB's typing.
 *
 * Read from the statement as written, before binds are substituted: the engine writes a VARIANT bind
 * as PARSE_JSON('…'), which is the bind's value, not an expression the user wrote.
 */
import { lookupFunction } from "./functions/inventory/index.js";
import { sfErrors } from "./errors.js";
import { returnsSemiStructured } from "./result-types.js";
import { type Token, tokenize } from "./split/lexer.js";
import { valuesTuples } from "./values-tuples.js";

/** One value of a VALUES row: its tokens and written text. */
interface Value {
  tokens: Token[];
  text: string;
}

/** The VALUES rows of a single-table INSERT, its table's name and written column list; null otherwise. */
interface InsertValues {
  table: string;
  columns: string[] | null;
  rows: Value[][];
}

const SEMI_STRUCTURED_TYPES = new Set(["VARIANT", "ARRAY", "OBJECT", "MAP"]);
const NUMBER_LITERAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Throws Snowflake's error for a VALUES clause it refuses or a row that does not convert to the
 * first row's type. `targetColumns` names the table's columns in order, for an INSERT without a
 * column list. Statements other than `INSERT [OVERWRITE] INTO … VALUES` pass unchecked.
 */
export function checkInsertValues(sql: string, targetColumns: () => readonly string[]): void {
  if (!/\bvalues\b/i.test(sql)) return;
  const insert = insertValues(sql);
  if (insert === null) return;
  for (const row of insert.rows) for (const value of row) refuseInvalid(sql, value);
  const first = insert.rows[0];
  if (first === undefined || insert.rows.length < 2) return;
  first.forEach((guide, i) => {
    if (!NUMBER_LITERAL.test(guide.text)) return;
    for (const row of insert.rows.slice(1)) {
      const value = row[i];
      const text = value && stringLiteral(value);
      if (text === null || text === undefined || NUMBER_LITERAL.test(text.trim())) continue;
      const column = (insert.columns ?? targetColumns())[i] ?? `$${i + 1}`;
      throw sfErrors.dmlNumericNotRecognized(insert.table, column, text);
    }
  });
}

/** Refuses a value holding a subquery, a window or aggregate call, or a semi-structured value. */
function refuseInvalid(sql: string, value: Value): void {
  const tokens = value.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const next = tokens[i + 1];
    const ch = t.kind === "punct" ? sql[t.start] : "";
    const opensCall = next?.kind === "punct" && sql[next.start] === "(";
    const invalid =
      ch === "[" ||
      ch === "{" ||
      (t.kind === "word" &&
        (t.upper === "SELECT" ||
          t.upper === "OVER" ||
          (opensCall && isAggregateOrSemiStructured(t.upper as string)) ||
          (SEMI_STRUCTURED_TYPES.has(t.upper as string) && castsTo(sql, tokens, i))));
    if (invalid) throw sfErrors.invalidValuesExpression(value.text);
  }
}

/** A call of an aggregate function or of one returning VARIANT, OBJECT or ARRAY. */
function isAggregateOrSemiStructured(name: string): boolean {
  if (returnsSemiStructured(name)) return true;
  return lookupFunction(name).some(
    (entry) => entry.category === "aggregate" || (entry.category === "window" && !entry.alsoIn),
  );
}

/** The type word at `i` is the target of `::` or of CAST's `AS`. */
function castsTo(sql: string, tokens: readonly Token[], i: number): boolean {
  const before = tokens[i - 1];
  if (before === undefined) return false;
  if (before.kind === "word") return before.upper === "AS";
  const twoBefore = tokens[i - 2];
  return sql[before.start] === ":" && twoBefore !== undefined && sql[twoBefore.start] === ":";
}

/** The content of a value that is one string literal, else null. */
function stringLiteral(value: Value): string | null {
  const only = value.tokens.length === 1 ? value.tokens[0] : undefined;
  if (only?.kind !== "string") return null;
  return value.text.slice(1, -1).replaceAll("''", "'");
}

/** Parses `INSERT [OVERWRITE] INTO name [(columns)] VALUES (…), (…)` at the token level. */
function insertValues(sql: string): InsertValues | null {
  const tokens = tokenize(sql).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  const punct = (t: Token | undefined, c: string): boolean => t?.kind === "punct" && sql[t.start] === c;
  let i = 0;
  if (tokens[i]?.upper !== "INSERT") return null;
  i++;
  if (tokens[i]?.upper === "OVERWRITE") i++;
  if (tokens[i]?.upper !== "INTO") return null;
  i++;
  // The table's name: the last part of a dotted name.
  let table = "";
  while (tokens[i] && (tokens[i]?.kind === "word" || tokens[i]?.kind === "quoted-identifier")) {
    table = identifierText(sql, tokens[i] as Token);
    i++;
    if (!punct(tokens[i], ".")) break;
    i++;
  }
  let columns: string[] | null = null;
  if (punct(tokens[i], "(")) {
    columns = [];
    i++;
    while (tokens[i] && !punct(tokens[i], ")")) {
      const t = tokens[i] as Token;
      if (t.kind === "word" || t.kind === "quoted-identifier") columns.push(identifierText(sql, t));
      i++;
    }
    i++;
  }
  if (tokens[i]?.upper !== "VALUES") return null;
  const list = valuesTuples(sql, tokens, i + 1);
  if (list === null) return null;
  const rows = list.tuples.map((tuple) =>
    tuple.map((part): Value => {
      const first = part[0];
      const last = part[part.length - 1];
      return { tokens: part, text: first && last ? sql.slice(first.start, last.end) : "" };
    }),
  );
  return { table, columns, rows };
}

/** A name as Snowflake reports it: unquoted upper-cased, quoted as written. */
function identifierText(sql: string, token: Token): string {
  const text = sql.slice(token.start, token.end);
  return token.kind === "quoted-identifier" ? text.slice(1, -1).replaceAll('""', '"') : text.toUpperCase();
}
