/**
 * Table kinds beyond standard tables: HYBRID (CREATE HYBRID TABLE: a PRIMARY KEY is required, and
 * PRIMARY KEY, UNIQUE and FOREIGN KEY constraints are enforced) and INTERACTIVE (CREATE INTERACTIVE
 * TABLE: stored and queried as a standard table; SHOW GRANTS names it INTERACTIVE_TABLE). The kind is
 * kept in the metadata's table_kind, so every statement reads it from the catalog.
 * This module reads the statement text; hybrid-keys.ts enforces a hybrid table's keys.
 */

/** The table kinds `CREATE [kind] TABLE` names, as metadata's table_kind stores them. */
export type TableKind = "PERMANENT" | "TRANSIENT" | "TEMPORARY" | "HYBRID" | "INTERACTIVE";

/** A secondary index of a hybrid table (`INDEX name (columns) [INCLUDE (columns)]`). */
export interface IndexDefinition {
  name: string;
  columns: string[];
  include: string[];
}

/** Splits at top-level commas, outside parentheses and quotes. */
function topLevelItems(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote !== null) {
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "," && depth === 0) {
      items.push(text.slice(start, i));
      start = i + 1;
    }
  }
  items.push(text.slice(start));
  return items;
}

const INDEX_ITEM =
  /^\s*INDEX\s+("(?:[^"]|"")+"|[A-Za-z_][\w$]*)\s*\(([^)]*)\)\s*(?:INCLUDE\s*\(([^)]*)\))?\s*$/i;

function nameOf(written: string): string {
  const t = written.trim();
  return t.startsWith('"') ? t.slice(1, -1).replaceAll('""', '"') : t.toUpperCase();
}

/** A column list without its `INDEX …` items (hybrid tables), and the indexes they declare. */
export function withoutIndexes(defs: string): { defs: string; indexes: IndexDefinition[] } {
  const indexes: IndexDefinition[] = [];
  const kept: string[] = [];
  for (const item of topLevelItems(defs)) {
    const m = INDEX_ITEM.exec(item);
    if (!m) {
      kept.push(item);
      continue;
    }
    const list = (s: string | undefined) =>
      (s ?? "")
        .split(",")
        .filter((x) => x.trim() !== "")
        .map(nameOf);
    indexes.push({ name: nameOf(m[1] as string), columns: list(m[2]), include: list(m[3]) });
  }
  return { defs: kept.join(","), indexes };
}

const KIND_WORD = /^(\s*CREATE\s+(?:OR\s+REPLACE\s+)?)(?:HYBRID|INTERACTIVE)\s+(TABLE\b)/i;

/**
 * A CREATE HYBRID / INTERACTIVE TABLE statement as the standard CREATE TABLE the parser reads: the
 * kind word, INDEX items and the table options after the column list left out (AS <query> too, for
 * which the declared columns stand). Any other text is returned as it is.
 */
export function standardCreateText(text: string): string {
  if (!KIND_WORD.test(text)) return text;
  const statement = text.replace(KIND_WORD, "$1$2");
  const open = statement.indexOf("(");
  if (open < 0) return statement;
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < statement.length; i++) {
    const ch = statement[i] as string;
    if (quote !== null) {
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0)
      // The options after the column list declare no key (and may be ones the parser lacks).
      return `${statement.slice(0, open + 1)}${withoutIndexes(statement.slice(open + 1, i)).defs})`;
  }
  return statement;
}
