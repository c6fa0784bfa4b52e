/**
 * Classify: decides which handler a statement goes to from its leading keywords. Account statements
 * (warehouses, monitors, roles, users, grants, policies, tasks, SHOW, DESCRIBE, USE ROLE/WAREHOUSE)
 * go to the catalog; the rest go on down the data pipeline.
 */

export type StatementClass =
  | "account"
  | "use"
  | "set"
  | "unset"
  | "alter_session"
  | "tcl"
  | "database"
  | "schema"
  | "table"
  | "view"
  | "object"
  | "stream"
  | "comment"
  | "call"
  | "query"
  | "scripting"
  | "empty"
  | "unknown";

export interface Classified {
  cls: StatementClass;
  /** The first few keywords, upper-case, with OR REPLACE / TRANSIENT / … kept in place. */
  words: string[];
  /** The statement without leading comments and surrounding whitespace or trailing `;`. */
  body: string;
}

/** Removes leading whitespace and comments; also a trailing `;` and whitespace. */
export function stripStatement(sql: string): string {
  let s = sql;
  for (;;) {
    const t = s.trimStart();
    if (t.startsWith("--") || t.startsWith("//")) {
      const nl = t.indexOf("\n");
      s = nl < 0 ? "" : t.slice(nl + 1);
    } else if (t.startsWith("/*")) {
      const end = t.indexOf("*/");
      s = end < 0 ? "" : t.slice(end + 2);
    } else {
      s = t;
      break;
    }
  }
  s = s.trimEnd();
  while (s.endsWith(";")) s = s.slice(0, -1).trimEnd();
  return s;
}

const ACCOUNT_OBJECTS = [
  "WAREHOUSE",
  "RESOURCE MONITOR",
  "ROLE",
  "DATABASE ROLE",
  "USER",
  "ROW ACCESS POLICY",
  "MASKING POLICY",
  "NETWORK POLICY",
  "TASK",
  "TAG",
];

const OTHER_OBJECTS = ["SEQUENCE", "FILE FORMAT", "STAGE", "PROCEDURE", "FUNCTION"];

/** Object-kind modifiers that may sit between CREATE [OR REPLACE] and the kind keyword. */
const MODIFIERS = new Set([
  "OR",
  "REPLACE",
  "ALTER",
  "TRANSIENT",
  "TEMPORARY",
  "TEMP",
  "VOLATILE",
  "LOCAL",
  "GLOBAL",
  "SECURE",
  "RECURSIVE",
  "MATERIALIZED",
  "EXTERNAL",
  "HYBRID",
  "INTERACTIVE",
  "DYNAMIC",
  "ICEBERG",
  "EVENT",
]);

export function classify(sql: string): Classified {
  const body = stripStatement(sql);
  const words = (body.slice(0, 200).match(/[A-Za-z_][A-Za-z0-9_]*|\(/g) ?? [])
    .slice(0, 8)
    .map((w) => w.toUpperCase());
  const first = words[0];
  const result = (cls: StatementClass): Classified => ({ cls, words, body });
  if (first === undefined) return result(body === "" ? "empty" : "unknown");
  // The object kind after CREATE/ALTER/DROP/UNDROP and its modifiers.
  const kindText = (): string => {
    let i = 1;
    while (i < words.length && MODIFIERS.has(words[i] as string)) i++;
    return words.slice(i, i + 3).join(" ");
  };
  switch (first) {
    case "SELECT":
    case "WITH":
    case "(":
    case "INSERT":
    case "UPDATE":
    case "DELETE":
    case "MERGE":
    case "VALUES":
    case "EXPLAIN":
      return result("query");
    case "EXECUTE":
      return result(words[1] === "IMMEDIATE" ? "scripting" : "account");
    case "SHOW":
    case "DESCRIBE":
    case "DESC":
    case "GRANT":
    case "REVOKE":
      return result("account");
    case "USE":
      return result(["ROLE", "WAREHOUSE", "SECONDARY"].includes(words[1] ?? "") ? "account" : "use");
    case "SET":
      return result("set");
    case "UNSET":
      return result("unset");
    case "COMMIT":
    case "ROLLBACK":
      return result("tcl");
    case "START":
      return result(words[1] === "TRANSACTION" ? "tcl" : "unknown");
    case "BEGIN":
      return result(
        words.length === 1 || words[1] === "TRANSACTION" || words[1] === "WORK" ? "tcl" : "scripting",
      );
    case "DECLARE":
      return result("scripting");
    case "COMMENT":
      return result("comment");
    case "CALL":
      return result("call");
    case "TRUNCATE":
      return result("table");
    case "ALTER":
      if (words[1] === "SESSION") return result("alter_session");
      if (words[1] === "ACCOUNT") return result("account");
      break;
    case "CREATE":
    case "DROP":
    case "UNDROP":
      break;
    default:
      return result("unknown");
  }
  const kind = kindText();
  if (ACCOUNT_OBJECTS.some((k) => kind.startsWith(k))) return result("account");
  if (kind.startsWith("DATABASE")) return result("database");
  if (kind.startsWith("SCHEMA")) return result("schema");
  if (kind.startsWith("TABLE")) return result("table");
  if (kind.startsWith("VIEW")) return result("view");
  if (OTHER_OBJECTS.some((k) => kind.startsWith(k))) return result("object");
  if (kind.startsWith("STREAM") && first !== "UNDROP") return result("stream");
  return result("unknown");
}
