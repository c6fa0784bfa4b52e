/**
 * SQL bodies (view queries, task definitions, policy bodies) compared as parsed SQL: the same
 * tokens in the same structure, not the same whitespace, keyword case, comments or trailing
 * semicolons. Uses the @polyglot-sql/sdk tokenizer and parser (Snowflake dialect).
 */
import { analyzeQuery, Dialect, parse, tokenize } from "@polyglot-sql/sdk";
import { quoteIdentifier } from "./identifiers.js";

interface Token {
  token_type: string;
  text: string;
  span: { start: number; end: number; line: number; column: number };
}

/** Thrown (as a plain result) when SQL does not tokenize or parse. */
export interface SqlProblem {
  message: string;
  line?: number;
  column?: number;
}

function tokensOf(sql: string): Token[] | SqlProblem {
  const result = tokenize(sql, Dialect.Snowflake) as unknown as {
    success: boolean;
    tokens: Token[] | null;
    error?: string | null;
    errorLine?: number;
    errorColumn?: number;
  };
  if (!result.success || !result.tokens) {
    return { message: result.error ?? "cannot tokenize", line: result.errorLine, column: result.errorColumn };
  }
  return result.tokens;
}

function isProblem(value: unknown): value is SqlProblem {
  return !Array.isArray(value);
}

/**
 * Remembers a pure function's answers by input text. The same view text is parsed again and again
 * (declared, then read back from SHOW VIEWS; on every save in `dev`), and parsing is the slow part.
 * Bounded: the oldest answers go first.
 */
function memoised<T>(compute: (sql: string) => T, limit = 2000): (sql: string) => T {
  const answers = new Map<string, T>();
  return (sql) => {
    const known = answers.get(sql);
    if (known !== undefined) return known;
    const answer = compute(sql);
    if (answers.size >= limit) answers.delete(answers.keys().next().value as string);
    answers.set(sql, answer);
    return answer;
  };
}

/**
 * Canonical form of a SQL body: one space between tokens; unquoted identifiers and keywords
 * upper-cased; a quoted identifier that equals its upper-case unquoted form folded to it
 * (`"SALES"` is `SALES`); string literals kept exactly; comments and trailing semicolons dropped.
 * Returns the input trimmed when the tokenizer rejects it, so unparsable text still compares as text.
 */
export function canonicalSql(sql: string): string {
  return canonicalMemo(sql);
}

const canonicalMemo = memoised(computeCanonicalSql);

function computeCanonicalSql(sql: string): string {
  const tokens = tokensOf(sql);
  if (isProblem(tokens)) return sql.trim().replace(/\s+/g, " ");
  const parts: string[] = [];
  for (const token of tokens) {
    switch (token.token_type) {
      case "QUOTED_IDENTIFIER":
        parts.push(quoteIdentifier(token.text));
        break;
      case "STRING":
        parts.push(`'${token.text.replace(/'/g, "''")}'`);
        break;
      case "VAR":
        parts.push(quoteIdentifier(token.text.toUpperCase()));
        break;
      default:
        parts.push(token.text.toUpperCase());
    }
  }
  while (parts.length > 0 && parts[parts.length - 1] === ";") parts.pop();
  return parts.join(" ");
}

/** Checks that a query parses as Snowflake SQL; returns the problem or undefined. */
export function checkSql(sql: string): SqlProblem | undefined {
  const result = parse(sql, Dialect.Snowflake) as unknown as {
    success: boolean;
    error?: string | null;
    errorLine?: number;
    errorColumn?: number;
  };
  if (result.success) return undefined;
  return { message: result.error ?? "cannot parse", line: result.errorLine, column: result.errorColumn };
}

/**
 * Why `sql` cannot be the body of a view, or undefined when it can: a view's body is one query
 * (SELECT, WITH, VALUES or a parenthesised query), never another statement nor several. Without
 * this, `DROP TABLE …` in a view file passes validation and `plan`, and fails on Snowflake.
 */
export function notASingleQuery(sql: string): SqlProblem | undefined {
  const tokens = tokensOf(sql);
  if (isProblem(tokens)) return tokens;
  const first = tokens[0];
  if (first && !["SELECT", "WITH", "VALUES", "L_PAREN"].includes(first.token_type)) {
    return { message: `it starts with ${first.text}, not SELECT or WITH`, line: first.span.line };
  }
  const separator = tokens.findIndex((t) => t.token_type === "SEMICOLON");
  if (separator >= 0 && separator < tokens.length - 1) {
    return { message: "it holds several statements", line: tokens[separator]!.span.line };
  }
  return undefined;
}

/**
 * The query of a `CREATE [OR REPLACE] [SECURE] VIEW name [(cols)] [COMMENT=...] [ROW ACCESS POLICY p ON (c)]
 * [COPY GRANTS] AS <query>` statement, as SHOW VIEWS `text` and GET_DDL report it. The split is at
 * the first `AS` token outside parentheses after `VIEW` (never a regex on " AS ", which can sit
 * inside the column list). Returns the text unchanged when it is not a CREATE VIEW statement.
 */
export function extractViewQuery(createText: string): string {
  const tokens = tokensOf(createText);
  if (isProblem(tokens)) return createText.trim();
  const first = tokens[0];
  if (first?.token_type !== "CREATE") return createText.trim();
  let seenView = false;
  let depth = 0;
  for (const token of tokens) {
    if (!seenView) {
      if (token.token_type === "VIEW") seenView = true;
      continue;
    }
    if (token.token_type === "L_PAREN") depth++;
    else if (token.token_type === "R_PAREN") depth--;
    else if (token.token_type === "AS" && depth === 0) {
      return createText.slice(token.span.end).trim().replace(/;\s*$/, "").trim();
    }
  }
  return createText.trim();
}

/** True when a SHOW VIEWS `text` says the view is secure (`CREATE ... SECURE VIEW`). */
export function createTextIsSecure(createText: string): boolean {
  const tokens = tokensOf(createText);
  if (isProblem(tokens)) return false;
  for (const token of tokens) {
    if (token.token_type === "VIEW") return false;
    if (token.text.toUpperCase() === "SECURE") return true;
  }
  return false;
}

/**
 * Relations a query reads, qualified with the given database and schema where the query leaves
 * them out, in SQL-ready form (`DB.SCHEMA.NAME`). CTE names are not relations.
 */
export function queryDependencies(sql: string, database: string, schema: string): string[] {
  // A copy: callers may change the list they get.
  return [...dependencyMemo(JSON.stringify([sql, database, schema]))];
}

const dependencyMemo = memoised((key: string): readonly string[] => {
  const [sql, database, schema] = JSON.parse(key) as [string, string, string];
  return computeDependencies(sql, database, schema);
});

/**
 * The parser's query analysis of a Snowflake query (relations, projections, column uses), remembered
 * by text so that dependencies and lineage parse a view once; null when the parser throws. Shared
 * between callers: read it, never change it.
 */
export const analyzeSnowflakeQuery = memoised((sql: string): unknown => {
  try {
    return analyzeQuery(sql, Dialect.Snowflake) as unknown;
  } catch {
    return null;
  }
}, 500);

function computeDependencies(sql: string, database: string, schema: string): string[] {
  const result = analyzeSnowflakeQuery(sql) as {
    success: boolean;
    analysis?: { baseTables?: { catalog: string | null; schema: string | null; table: string | null }[] };
  } | null;
  if (!result?.success || !result.analysis?.baseTables) return [];
  const names = new Set<string>();
  for (const table of result.analysis.baseTables) {
    if (!table.table) continue;
    const parts = [table.catalog ?? database, table.schema ?? schema, table.table].map((p) =>
      quoteIdentifier(p.replace(/^"|"$/g, "").toUpperCase()),
    );
    names.add(parts.join("."));
  }
  return [...names].sort();
}
