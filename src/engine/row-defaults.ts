/**
 * Column defaults that read other columns of the row (`n2 INT DEFAULT n1 + 5`, the SHOW COLUMNS
 * page). DuckDB's DEFAULT cannot read columns, so such a default is kept in the table's properties
 * (`rowDefaults`: column → expression as written) and applied when an INSERT with a column list
 * omits the column: the statement becomes
 *
 *   INSERT INTO t (n1, N2) SELECT *, (n1 + 5) FROM (<its VALUES or query>) AS "$ROW" (n1)
 *
 * so the expression reads the inserted row's values under their own names. In MERGE's `WHEN NOT
 * MATCHED THEN INSERT (columns) VALUES (values)` the omitted column is added with the expression
 * reading the VALUES given for the columns it names. COPY does not apply them yet (NULL there).
 */
import { Cursor } from "./cursor.js";
import { normaliseIdentifier } from "./identifiers.js";
import { parseStatement, printSnowflake, type StatementAst } from "./translate.js";

type Node = Record<string, unknown>;

/** The names of table columns an expression's AST reads unqualified. */
export function columnsRead(node: unknown, tableColumns: ReadonlySet<string>): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (value === null || typeof value !== "object") return;
    const column = (value as Node).column as Node | undefined;
    const ident = column?.name as { name?: unknown; quoted?: unknown } | undefined;
    if (column && column.table === null && typeof ident?.name === "string") {
      const name = normaliseIdentifier(ident.name, ident.quoted === true);
      if (tableColumns.has(name)) found.push(name);
    }
    for (const child of Object.values(value as Node)) walk(child);
  };
  walk(node);
  return found;
}

/**
 * A copy of a default's AST with the table columns it reads qualified by the table's name, as
 * SHOW COLUMNS and DESCRIBE TABLE print such a default (`TEST_SHOW_COLUMNS.N1 + 5`).
 */
export function qualifyColumns(node: unknown, table: string, tableColumns: ReadonlySet<string>): unknown {
  const plain = (name: string) => ({ name, quoted: !/^[A-Z_][A-Z0-9_$]*$/.test(name) });
  const copy = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(copy);
    if (value === null || typeof value !== "object") return value;
    const out: Node = {};
    for (const [key, child] of Object.entries(value as Node)) out[key] = copy(child);
    const column = out.column as Node | undefined;
    const ident = column?.name as { name?: unknown; quoted?: unknown } | undefined;
    if (column && column.table === null && typeof ident?.name === "string") {
      const name = normaliseIdentifier(ident.name, ident.quoted === true);
      if (tableColumns.has(name))
        out.column = { ...column, name: { ...ident, ...plain(name) }, table: plain(table) };
    }
    return out;
  };
  return copy(node);
}

/** What withRowDefaults needs of an INSERT's target table. */
export interface TargetDefaults {
  /** Row-reading defaults: column → expression as written. */
  rowDefaults: Record<string, string>;
  /** Every column's own default as Snowflake SQL (null: none); the row's value of an omitted column. */
  defaults: Record<string, string | null>;
}

/**
 * An INSERT … (columns) VALUES / query with the row-reading defaults of the columns it omits
 * applied (see the module comment); any other statement, or one omitting no such column, as it is.
 * A column such a default reads that the INSERT omits too takes its own default (NULL without one)
 * first, as the row stored would hold it.
 */
export function withRowDefaults(
  sql: string,
  target: (nameParts: string[]) => TargetDefaults | undefined,
): string {
  const c = new Cursor(sql);
  if (!c.accept("INSERT")) return sql;
  c.accept("OVERWRITE");
  if (!c.accept("INTO") || !["word", "quoted-identifier"].includes(c.peek()?.kind ?? "")) return sql;
  const table = target(c.qualifiedName().map((p) => p.name));
  if (!table || Object.keys(table.rowDefaults).length === 0) return sql;
  const open = c.peek();
  if (open?.kind !== "punct" || c.text(open) !== "(") return sql;
  const listText = c.group();
  const head = sql.slice(0, open.start);
  const source = c.rest();
  if (source === "") return sql;
  const listed = new Set(
    new Cursor(listText).tokens
      .filter((t) => t.kind === "word" || t.kind === "quoted-identifier")
      .map((t) =>
        t.kind === "word"
          ? listText.slice(t.start, t.end).toUpperCase()
          : normaliseIdentifier(listText.slice(t.start + 1, t.end - 1).replaceAll('""', '"'), true),
      ),
  );
  const omitted = Object.entries(table.rowDefaults).filter(([column]) => !listed.has(column));
  if (omitted.length === 0) return sql;
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const columns = new Set(Object.keys(table.defaults));
  const read = [
    ...new Set(omitted.flatMap(([, expression]) => columnsRead(parseExpression(expression), columns))),
  ].filter((column) => !listed.has(column) && table.rowDefaults[column] === undefined);
  const row = `(${source}) AS "$ROW" (${listText})`;
  const filled = read.length
    ? `(SELECT *, ${read.map((column) => `${table.defaults[column] ?? "NULL"} AS ${quote(column)}`).join(", ")} FROM ${row}) AS "$ROW"`
    : row;
  const names = [...read, ...omitted.map(([column]) => column)].map(quote).join(", ");
  const values = omitted.map(([, expression]) => `(${expression})`).join(", ");
  return `${head}(${listText}, ${names}) SELECT *, ${values} FROM ${filled}`;
}

/** The AST of a default expression (as `SELECT <expression>` parses it). */
function parseExpression(expression: string): unknown {
  const ast = parseStatement(`SELECT ${expression}`) as { select?: { expressions?: unknown[] } };
  return ast.select?.expressions ?? [];
}

/** The names a written column list holds, normalised (`a, "b"` → A, b). */
function listedNames(listText: string): string[] {
  return new Cursor(listText).tokens
    .filter((t) => t.kind === "word" || t.kind === "quoted-identifier")
    .map((t) =>
      t.kind === "word"
        ? listText.slice(t.start, t.end).toUpperCase()
        : normaliseIdentifier(listText.slice(t.start + 1, t.end - 1).replaceAll('""', '"'), true),
    );
}

/** Splits a VALUES tuple's inner text at its top-level commas. */
function tupleItems(text: string): string[] {
  const c = new Cursor(text);
  const items: string[] = [];
  let from = 0;
  let depth = 0;
  for (const t of c.tokens) {
    const ch = t.kind === "punct" ? text.slice(t.start, t.end) : "";
    if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "," && depth === 0) {
      items.push(text.slice(from, t.start));
      from = t.end;
    }
  }
  items.push(text.slice(from));
  return items.map((item) => item.trim());
}

/** `expression` with each table column it reads replaced by that column's value (Snowflake SQL). */
function substituteColumns(expression: string, values: ReadonlyMap<string, string>): string {
  const ast = parseStatement(`SELECT ${expression}`) as StatementAst & { select: { expressions: unknown[] } };
  const replace = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(replace);
    if (value === null || typeof value !== "object") return value;
    const column = (value as Node).column as Node | undefined;
    const ident = column?.name as { name?: unknown; quoted?: unknown } | undefined;
    if (column && column.table === null && typeof ident?.name === "string") {
      const given = values.get(normaliseIdentifier(ident.name, ident.quoted === true));
      if (given !== undefined) {
        const parsed = parseStatement(`SELECT (${given})`) as { select: { expressions: unknown[] } };
        return parsed.select.expressions[0];
      }
    }
    const out: Node = {};
    for (const [key, child] of Object.entries(value as Node)) out[key] = replace(child);
    return out;
  };
  ast.select.expressions = ast.select.expressions.map(replace);
  return printSnowflake(ast).replace(/^SELECT\s+/i, "");
}

/**
 * A MERGE whose `WHEN NOT MATCHED THEN INSERT (columns) VALUES (values)` clauses omit columns with
 * row-reading defaults, with those columns added (see the module comment); otherwise as it is.
 */
export function withMergeRowDefaults(
  sql: string,
  target: (nameParts: string[]) => TargetDefaults | undefined,
): string {
  const c = new Cursor(sql);
  if (!c.accept("MERGE") || !c.accept("INTO")) return sql;
  const table = target(c.qualifiedName().map((p) => p.name));
  if (!table || Object.keys(table.rowDefaults).length === 0) return sql;
  const edits: { start: number; end: number; text: string }[] = [];
  while (!c.done) {
    if (!c.accept("INSERT")) {
      c.pos++;
      continue;
    }
    const open = c.peek();
    if (open?.kind !== "punct" || c.text(open) !== "(") continue;
    const listText = c.group();
    const listEnd = c.tokens[c.pos - 1] as { start: number };
    if (!c.accept("VALUES")) continue;
    const valuesOpen = c.peek();
    if (valuesOpen?.kind !== "punct" || c.text(valuesOpen) !== "(") continue;
    const valuesText = c.group();
    const valuesEnd = c.tokens[c.pos - 1] as { start: number };
    const names = listedNames(listText);
    const items = tupleItems(valuesText);
    if (names.length !== items.length) continue;
    const given = new Map(names.map((name, i) => [name, items[i] as string]));
    const omitted = Object.entries(table.rowDefaults).filter(([column]) => !given.has(column));
    if (omitted.length === 0) continue;
    // A column the default reads that the clause omits too holds its own default (NULL without one).
    for (const column of Object.keys(table.defaults))
      if (!given.has(column) && table.rowDefaults[column] === undefined)
        given.set(column, table.defaults[column] ?? "NULL");
    const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
    edits.push({
      start: listEnd.start,
      end: listEnd.start,
      text: `, ${omitted.map(([column]) => quote(column)).join(", ")}`,
    });
    edits.push({
      start: valuesEnd.start,
      end: valuesEnd.start,
      text: `, ${omitted.map(([, expression]) => `(${substituteColumns(expression, given)})`).join(", ")}`,
    });
  }
  let out = sql;
  for (const edit of edits.sort((a, b) => b.start - a.start))
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}
