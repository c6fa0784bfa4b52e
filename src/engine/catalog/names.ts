/** Snowflake identifier display and resolution helpers for the catalog. */

const PLAIN = /^[A-Z_][A-Z0-9_$]*$/;

/** One name part as Snowflake prints it in qualified names: plain if it can be, else double-quoted. */
export function quotePart(part: string): string {
  return PLAIN.test(part) ? part : `"${part.replace(/"/g, '""')}"`;
}

/** `DB.SCHEMA.T`, quoting parts that need it. */
export function displayName(parts: readonly string[]): string {
  return parts.map(quotePart).join(".");
}

/** A stable map key for a (possibly qualified) name. */
export function nameKey(parts: readonly string[]): string {
  return JSON.stringify(parts);
}

/** Case-insensitive SQL LIKE with `%`, `_` and backslash escapes, as SHOW … LIKE applies it. */
export function likeMatcher(pattern: string): (name: string) => boolean {
  let re = "^";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\" && i + 1 < pattern.length) {
      re += escapeRegex(pattern[++i]!);
    } else if (c === "%") re += "[\\s\\S]*";
    else if (c === "_") re += "[\\s\\S]";
    else re += escapeRegex(c);
  }
  const compiled = new RegExp(`${re}$`, "i");
  return (name) => compiled.test(name);
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
