/**
 * Directed joins (`t1 INNER DIRECTED JOIN t2 ON … [FIRST(alias) | LAST(alias)]`) fix the order in
 * which Snowflake scans the two sides; the result is that of the same join undirected. Neither the
 * transpiler nor DuckDB knows the DIRECTED keyword or the read-order clause, so both are removed
 * from the text before parsing. A read-order clause on a join that is not directed is Snowflake's
 * error 001867.
 */
import { SnowflakeError } from "./errors.js";
import { JOIN_CLAUSE_ENDS } from "./join-clause-ends.js";
import { type Token, tokenize } from "./split/index.js";

const JOIN_TYPES = new Set(["INNER", "LEFT", "RIGHT", "FULL", "OUTER", "CROSS", "NATURAL"]);

/** Words after which an expression continues (so FIRST( there starts an operand, not a clause). */
const OPERATOR_WORDS = new Set([
  "ON",
  "AND",
  "OR",
  "NOT",
  "IS",
  "IN",
  "LIKE",
  "ILIKE",
  "BETWEEN",
  "WHEN",
  "THEN",
  "ELSE",
  "CASE",
  "USING",
]);

interface JoinState {
  directed: boolean;
  /** ON or USING was seen after this join's JOIN keyword. */
  conditioned: boolean;
}

const readOrderError = (): SnowflakeError =>
  new SnowflakeError(
    "001867",
    "42601",
    "SQL compilation error:\nFIRST or LAST is only valid on a DIRECTED JOIN.",
  );

/** Removes DIRECTED and read-order clauses; throws 001867 for a read-order clause on an undirected join. */
export function undirectJoins(sql: string): string {
  if (!/\bdirected\b/i.test(sql) && !/\b(first|last)\s*\(/i.test(sql)) return sql;
  const tokens = tokenize(sql).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  const ch = (t: Token | undefined): string => (t && t.kind === "punct" ? (sql[t.start] as string) : "");
  const removals: [number, number][] = [];
  const joins: (JoinState | null)[] = [null];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const c = ch(t);
    if (c === "(") {
      joins.push(null);
      continue;
    }
    if (c === ")") {
      if (joins.length > 1) joins.pop();
      continue;
    }
    if (t.kind !== "word") continue;
    const depth = joins.length - 1;
    if (
      t.upper === "DIRECTED" &&
      tokens[i + 1]?.upper === "JOIN" &&
      JOIN_TYPES.has(tokens[i - 1]?.upper ?? "")
    ) {
      removals.push([t.start, (tokens[i + 1] as Token).start]);
      joins[depth] = { directed: true, conditioned: false };
      i++;
      continue;
    }
    if (t.upper === "JOIN") {
      joins[depth] = { directed: false, conditioned: false };
      continue;
    }
    // A clause after the FROM list ends the last join: FIRST(…) there is something else.
    if (
      [
        "WHERE",
        "GROUP",
        "HAVING",
        "QUALIFY",
        "ORDER",
        "LIMIT",
        "SELECT",
        "UNION",
        "EXCEPT",
        "MINUS",
        "INTERSECT",
      ].includes(t.upper ?? "")
    ) {
      joins[depth] = null;
      continue;
    }
    const join = joins[depth];
    if ((t.upper === "ON" || t.upper === "USING") && join) {
      join.conditioned = true;
      continue;
    }
    if ((t.upper === "FIRST" || t.upper === "LAST") && join?.conditioned && ch(tokens[i + 1]) === "(") {
      const name = tokens[i + 2];
      const close = tokens[i + 3];
      const after = tokens[i + 4];
      const isName = name && (name.kind === "word" || name.kind === "quoted-identifier");
      const ends =
        after === undefined ||
        after.kind === "semicolon" ||
        ch(after) === ")" ||
        (after.kind === "word" && JOIN_CLAUSE_ENDS.has(after.upper ?? ""));
      // After a complete join condition, `FIRST(x)` can only be a read-order clause.
      const previous = tokens[i - 1];
      const afterOperand =
        previous !== undefined &&
        (previous.kind === "punct" ? ch(previous) === ")" : !OPERATOR_WORDS.has(previous.upper ?? ""));
      if (!isName || ch(close) !== ")" || !ends || !afterOperand) continue;
      if (!join.directed) throw readOrderError();
      removals.push([t.start, (close as Token).end]);
      i += 3;
    }
  }
  if (removals.length === 0) return sql;
  let out = "";
  let at = 0;
  for (const [start, end] of removals) {
    out += sql.slice(at, start);
    at = end;
  }
  return out + sql.slice(at);
}
