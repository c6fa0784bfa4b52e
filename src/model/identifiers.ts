/**
 * Snowflake identifier rules. Names are kept in the model in their *resolved* form: unquoted
 * identifiers upper-cased (as Snowflake stores them), quoted identifiers with their exact text.
 * A resolved name is rendered back into SQL with `quoteIdentifier`, which only adds quotes when
 * the unquoted form would resolve to something else.
 */

const UNQUOTED = /^[A-Za-z_][A-Za-z0-9_$]*$/;
const STORED_UNQUOTED = /^[A-Z_][A-Z0-9_$]*$/;

/** Words that must be quoted even when they look like plain identifiers. */
const RESERVED = new Set(
  (
    "ALL ALTER AND ANY AS BETWEEN BY CASE CAST CHECK COLUMN CONNECT CONNECTION CONSTRAINT CREATE CROSS CURRENT " +
    "CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER DATABASE DELETE DISTINCT DROP ELSE EXISTS FALSE " +
    "FOLLOWING FOR FROM FULL GRANT GROUP GSCLUSTER HAVING ILIKE IN INCREMENT INNER INSERT INTERSECT INTO IS ISSUE " +
    "JOIN LATERAL LEFT LIKE LOCALTIME LOCALTIMESTAMP MINUS NATURAL NOT NULL OF ON OR ORDER ORGANIZATION QUALIFY " +
    "REGEXP REVOKE RIGHT RLIKE ROW ROWS SAMPLE SCHEMA SELECT SET SOME START TABLE TABLESAMPLE THEN TO TRIGGER TRUE " +
    "TRY_CAST UNION UNIQUE UPDATE USING VALUES VIEW WHEN WHENEVER WHERE WINDOW WITH"
  ).split(" "),
);

/** Resolves one identifier as written in SQL or a declaration: `sales` -> `SALES`, `"Sales"` -> `Sales`. */
export function resolveIdentifier(written: string): string {
  const text = written.trim();
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) {
    return text.slice(1, -1).replace(/""/g, '"');
  }
  return text.toUpperCase();
}

/** True when `written` is a valid unquoted identifier or a well-formed quoted one. */
export function isValidIdentifier(written: string): boolean {
  const text = written.trim();
  if (text.length === 0 || text.length > 257) return false;
  if (text.startsWith('"')) {
    return text.length >= 3 && text.endsWith('"') && !/[^"]"[^"]/.test(text.slice(1, -1).replace(/""/g, ""));
  }
  return UNQUOTED.test(text) && text.length <= 255;
}

/** Renders a resolved name for SQL, quoting only when needed. */
export function quoteIdentifier(resolved: string): string {
  if (STORED_UNQUOTED.test(resolved) && !RESERVED.has(resolved)) return resolved;
  return `"${resolved.replace(/"/g, '""')}"`;
}

/**
 * Splits a possibly qualified name (`db.schema."Obj"`) into its parts, respecting quotes,
 * and resolves each part.
 */
export function splitQualifiedName(written: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < written.length; i++) {
    const ch = written[i]!;
    if (ch === '"') {
      if (quoted && written[i + 1] === '"') {
        current += '""';
        i++;
        continue;
      }
      quoted = !quoted;
      current += ch;
    } else if (ch === "." && !quoted) {
      parts.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map(resolveIdentifier);
}

/** Resolves a (possibly qualified) written name to its canonical dotted form, parts quoted as needed. */
export function resolveQualifiedName(written: string): string {
  return splitQualifiedName(written).map(quoteIdentifier).join(".");
}

/** Joins resolved parts into a SQL-ready qualified name. */
export function qualify(...resolvedParts: string[]): string {
  return resolvedParts.map(quoteIdentifier).join(".");
}

/** Renders a string literal in Snowflake syntax. */
export function quoteString(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/**
 * True when `text` matches a glob pattern (`*` any run, `?` one character), case-insensitively:
 * ignore patterns are written `<KIND> <NAME>` (`VIEW MERCURIOS_DATA.ADMIN.TMP_*`, `* SNOWFLAKE*`).
 */
export function matchesPattern(text: string, pattern: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split("")
      .map((ch) => (ch === "*" ? ".*" : ch === "?" ? "." : ch.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
      .join("")}$`,
    "i",
  );
  return regex.test(text);
}
