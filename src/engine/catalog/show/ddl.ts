/** GET_DDL('<kind>', '<name>' [, <fully qualified>]) for the objects the engine knows. */
import type { CatalogContext, CatalogEnv } from "../context.js";
import type { ConstraintEntry, RelationEntry, RoutineEntry } from "../directory.js";
import { catalogError, notFound } from "../errors.js";
import { splitName } from "../lexer.js";
import { displayName, nameKey, quotePart } from "../names.js";
import { resolveName } from "../objects.js";
import { maskingPolicyDdl } from "../masking-policies.js";
import { policyDdl } from "../policies.js";
import { ownerOf, seesObject, sessionRoles } from "../privileges.js";
import { taskDdl } from "../tasks.js";
import { parseSnowflakeType } from "../../types-map.js";
import { warehouseDdl } from "../warehouses.js";

const VIEW_HEAD =
  /^\s*create\s+(?:or\s+replace\s+)?((?:(?:secure|recursive|materialized|local|temporary|temp|volatile)\s+)*)view\s+(?:if\s+not\s+exists\s+)?((?:"(?:[^"]|"")*"|[A-Za-z_][\w$]*)(?:\s*\.\s*(?:"(?:[^"]|"")*"|[A-Za-z_][\w$]*))*)/i;

/** A view column as GET_DDL lists it: its name and its comment, if any. */
export interface ViewColumn {
  name: string;
  comment: string | null;
}

/**
 * Turns a view's CREATE text into the form GET_DDL returns, by the GET_DDL page's rules for views:
 * lower-case `create or replace [secure] [recursive] [materialized] view`, the name as written (or
 * `qualifiedName` when fully qualified names were asked for), the column list generated from the
 * view's columns (one a line, tab-indented, with their comments) in place of any written one, COPY
 * GRANTS and comments before the body's AS removed, the rest as written, ending in `;`.
 */
export function viewDdl(text: string, qualifiedName?: string, columns: readonly ViewColumn[] = []): string {
  const trimmed = text.trim().replace(/;\s*$/, "");
  const head = VIEW_HEAD.exec(trimmed);
  if (!head) return `${trimmed};`;
  const modifiers = (head[1] ?? "")
    .toLowerCase()
    .split(/\s+/)
    .filter((m) => m === "secure" || m === "recursive" || m === "materialized");
  const afterName = trimmed.slice(head[0].length);
  const as = topLevelAs(afterName);
  let beforeAs = afterName
    .slice(0, as)
    .replace(/--[^\n]*\n?|\/\*[\s\S]*?\*\//g, "")
    .replace(/\bcopy\s+grants\b/gi, "")
    .replace(/\s+$/, "");
  let list = "";
  if (columns.length > 0) {
    beforeAs = beforeAs.replace(/^\s*\((?:'(?:[^'\\]|\\.|'')*'|"(?:[^"]|"")*"|[^()'"]|\([^()]*\))*\)/, "");
    const lines = columns.map(
      (c) => `\t${quotePart(c.name)}${c.comment ? ` COMMENT '${c.comment.replace(/'/g, "\\'")}'` : ""}`,
    );
    list = `(\n${lines.join(",\n")}\n)`;
  }
  const rest = `${beforeAs} ${afterName.slice(as)}`;
  return `create or replace ${[...modifiers, "view"].join(" ")} ${qualifiedName ?? head[2]}${list}${rest};`;
}

/** Where the view body's `AS` starts: the first AS outside parentheses, strings and comments. */
function topLevelAs(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "'" || ch === '"') {
      const close = text.indexOf(ch, i + 1);
      i = close < 0 ? text.length : close;
    } else if (text.startsWith("--", i)) {
      const end = text.indexOf("\n", i);
      i = end < 0 ? text.length : end;
    } else if (text.startsWith("/*", i)) {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (depth === 0 && /^as\b/i.test(text.slice(i, i + 3)) && (i === 0 || /\s|\)/.test(text[i - 1]!)))
      return i;
  }
  return text.length;
}

export async function getDdl(
  env: CatalogEnv,
  ctx: CatalogContext,
  kindText: string,
  nameText: string,
  fullyQualified: boolean,
): Promise<string> {
  const kind = kindText.trim().toUpperCase().replace(/\s+/g, "_");
  const written = splitName(nameText);
  const roles = sessionRoles(env, ctx);
  const visible = (type: string, name: string[]) =>
    ownerOf(env, type, name) === null || seesObject(env, roles, type, name);
  switch (kind) {
    case "WAREHOUSE": {
      const w = env.store.warehouses.get(written[written.length - 1]!);
      if (!w || !visible("WAREHOUSE", [w.name])) throw notFound("Warehouse", nameText);
      return warehouseDdl(w);
    }
    case "MASKING_POLICY":
    case "POLICY": {
      const name = resolveName(ctx, "MASKING_POLICY", written);
      const m = env.store.maskingPolicies.get(nameKey(name));
      if (m && visible("MASKING_POLICY", name)) return maskingPolicyDdl(m, fullyQualified);
      if (kind === "MASKING_POLICY") throw notFound("Masking policy", displayName(name));
      const p = env.store.policies.get(nameKey(name));
      if (!p || !visible("ROW_ACCESS_POLICY", name)) throw notFound("Policy", displayName(name));
      return policyDdl(p, fullyQualified);
    }
    case "ROW_ACCESS_POLICY": {
      const name = resolveName(ctx, "ROW_ACCESS_POLICY", written);
      const p = env.store.policies.get(nameKey(name));
      if (!p || !visible("ROW_ACCESS_POLICY", name)) throw notFound("Row access policy", displayName(name));
      return policyDdl(p, fullyQualified);
    }
    case "TASK": {
      const name = resolveName(ctx, "TASK", written);
      const t = env.store.tasks.get(nameKey(name));
      if (!t || !visible("TASK", name)) throw notFound("Task", displayName(name));
      return taskDdl(t, fullyQualified);
    }
    case "VIEW":
    case "TABLE":
    case "MATERIALIZED_VIEW": {
      const name = resolveName(ctx, "TABLE", written);
      const rel = (await env.directory.relations(name[0], name[1])).find((r) => r.name === name[2]);
      if (!rel || !visible(rel.kind, name))
        throw notFound(kind === "TABLE" ? "Table" : "View", displayName(name));
      return relationDdl(env, rel, fullyQualified);
    }
    case "SCHEMA": {
      const name = resolveName(ctx, "SCHEMA", written);
      if (!(await env.directory.schemas(name[0])).some((s) => s.name === name[1]))
        throw notFound("Schema", displayName(name));
      // Recursive: the schema, then its tables, then its views, each by name (GET_DDL reference).
      const relations = (await env.directory.relations(name[0], name[1]))
        .filter((r) => visible(r.kind, [r.database, r.schema, r.name]))
        .sort(
          (a, b) => Number(a.kind !== "TABLE") - Number(b.kind !== "TABLE") || (a.name < b.name ? -1 : 1),
        );
      const parts = [`create or replace schema ${fullyQualified ? displayName(name) : quotePart(name[1]!)};`];
      for (const r of relations) parts.push(await relationDdl(env, r, fullyQualified));
      return `${parts.join("\n\n")}\n`;
    }
    case "FUNCTION":
    case "PROCEDURE": {
      const [nameText, argTypes] = splitSignature(written[written.length - 1]!);
      const name = resolveName(ctx, kind, [...written.slice(0, -1), nameText]);
      const routine = env.directory.routines
        ? (await env.directory.routines(name[0], name[1])).find((r) => r.kind === kind && r.name === name[2])
        : undefined;
      const found = routine && visible(kind, name) && sameArgumentTypes(routine.signature, argTypes);
      if (!routine || !found)
        throw notFound(kind === "FUNCTION" ? "Function" : "Procedure", displayName(name));
      return routineDdl(routine, fullyQualified);
    }
    case "STREAM": {
      const name = resolveName(ctx, "STREAM", written);
      const stream = env.directory.streams
        ? (await env.directory.streams(name[0], name[1])).find((x) => x.name === name[2])
        : undefined;
      if (!stream || !visible("STREAM", name)) throw notFound("Stream", displayName(name));
      // Snowflake's form: lower-case keywords, the source table fully qualified.
      const table = stream.tableName.split(".").map(quotePart).join(".");
      const shown = fullyQualified ? displayName(name) : quotePart(name[2]!);
      const appendOnly = stream.mode === "APPEND_ONLY" ? " append_only = true" : "";
      const comment = stream.comment ? ` comment='${stream.comment.replaceAll("'", "\\'")}'` : "";
      return `create or replace stream ${shown} on table ${table}${appendOnly}${comment};`;
    }
    case "DATABASE": {
      const db = written[written.length - 1]!;
      if (!(await env.directory.databases()).some((d) => d.name === db)) throw notFound("Database", db);
      const schemas = (await env.directory.schemas(db)).filter(
        (s) => s.name !== "PUBLIC" && s.name !== "INFORMATION_SCHEMA",
      );
      return [
        `create or replace database ${quotePart(db)};`,
        ...schemas.map((s) => `\ncreate or replace schema ${quotePart(db)}.${quotePart(s.name)};`),
      ].join("\n");
    }
    default:
      throw catalogError(
        "002029",
        "22023",
        `SQL compilation error:\nInvalid object type '${kindText}' for GET_DDL.`,
      );
  }
}

/** A table's column list, or a view's CREATE text, as GET_DDL returns it. */
async function relationDdl(env: CatalogEnv, rel: RelationEntry, fullyQualified: boolean): Promise<string> {
  const name = [rel.database, rel.schema, rel.name];
  const shown = fullyQualified ? name.map(quotePart).join(".") : quotePart(rel.name);
  const cols = await env.directory.columns(rel.database, rel.schema, rel.name);
  if (rel.kind !== "TABLE")
    return viewDdl(rel.text ?? `create view ${shown} as select 1`, fullyQualified ? shown : undefined, cols);
  const body = cols
    .map(
      (c) =>
        `\t${quotePart(c.name)} ${c.type}${c.nullable ? "" : " NOT NULL"}${columnDefault(c.default)}${c.comment ? ` COMMENT '${c.comment.replace(/'/g, "\\'")}'` : ""}`,
    )
    .join(",\n");
  const keys = env.directory.constraints
    ? (await env.directory.constraints(rel.database, rel.schema)).filter((k) => k.table === rel.name)
    : [];
  const lines = [body, ...constraintLines(keys)].filter((l) => l !== "").join(",\n");
  const kindWord = rel.temporary
    ? "TEMPORARY "
    : rel.transient
      ? "TRANSIENT "
      : rel.tableType
        ? `${rel.tableType} `
        : "";
  return `create or replace ${kindWord}TABLE ${shown} (\n${lines}\n);`;
}

const CONSTRAINT_ORDER: ConstraintEntry["kind"][] = ["PRIMARY KEY", "UNIQUE", "FOREIGN KEY"];

/**
 * A table's constraints as GET_DDL writes them, out of line after the columns whatever way they were
 * declared (the GET_DDL page's hybrid-table example: `primary key (ID)`): lower-case keywords, the
 * name only when the user gave one (a SYS_CONSTRAINT_ name is Snowflake's own), a foreign key's
 * table fully qualified.
 */
export function constraintLines(keys: readonly ConstraintEntry[]): string[] {
  const list = (cols: string[]) => `(${cols.map(quotePart).join(", ")})`;
  return [...keys]
    .sort(
      (a, b) =>
        CONSTRAINT_ORDER.indexOf(a.kind) - CONSTRAINT_ORDER.indexOf(b.kind) || a.createdOn - b.createdOn,
    )
    .map((k) => {
      const named = k.name.startsWith("SYS_CONSTRAINT_") ? "" : `constraint ${quotePart(k.name)} `;
      const ref = k.references;
      const target = ref
        ? ` references ${[ref.database, ref.schema, ref.table].map(quotePart).join(".")}${list(ref.columns)}`
        : "";
      return `\t${named}${k.kind.toLowerCase()} ${list(k.columns)}${target}`;
    });
}

/** `name(type, type)` → the name and the argument types (upper case, spaces squeezed); no list → null. */
function splitSignature(text: string): [string, string[] | null] {
  const open = text.indexOf("(");
  if (open < 0) return [text, null];
  const inner = text.slice(open + 1, text.lastIndexOf(")")).trim();
  const types = inner === "" ? [] : inner.split(",").map((t) => t.trim().toUpperCase().replace(/\s+/g, " "));
  return [text.slice(0, open).trim().toUpperCase(), types];
}

/** Declared argument list (`a NUMBER, b NUMBER`) split into its parts. */
function declaredArguments(signature: string): { name: string; type: string }[] {
  return signature
    .split(/,(?![^(]*\))/)
    .map((a) => a.trim())
    .filter((a) => a !== "")
    .map((a) => {
      const m = /^("(?:[^"]|"")*"|\S+)\s+(.*)$/s.exec(a);
      const rawName = m?.[1] ?? a;
      const name = rawName.startsWith('"') ? rawName.slice(1, -1).replace(/""/g, '"') : rawName.toUpperCase();
      return {
        name,
        type: (m?.[2] ?? "")
          .replace(/\s+DEFAULT\s+[\s\S]*$/i, "")
          .trim()
          .toUpperCase(),
      };
    });
}

/**
 * Whether a GET_DDL argument type list names this routine: types compared by kind, so `INT` names a
 * NUMBER argument and `STRING` a VARCHAR one (Snowflake resolves the signature by data type).
 */
function sameArgumentTypes(signature: string, wanted: string[] | null): boolean {
  if (wanted === null) return true;
  const kind = (t: string) => parseSnowflakeType(t)?.type ?? t.replace(/\(.*$/, "").trim();
  const have = declaredArguments(signature).map((a) => kind(a.type));
  return have.length === wanted.length && have.every((t, i) => t === kind(wanted[i]!));
}

/** A declared type in Snowflake's standard spelling (`NUMBER` → `NUMBER(38,0)`), as GET_DDL writes types. */
function standardType(written: string): string {
  return parseSnowflakeType(written)?.sqlType ?? written.replace(/\s+/g, " ").toUpperCase();
}

/**
 * GET_DDL of a UDF or stored procedure: the body as a single-quoted literal, defaults written out,
 * types in their standard spelling (the GET_DDL page: aliases are replaced by standard type names).
 */
function routineDdl(r: RoutineEntry, fullyQualified: boolean): string {
  const quoted = (part: string) => `"${part.replace(/"/g, '""')}"`;
  const shown = fullyQualified ? [r.database, r.schema, r.name].map(quoted).join(".") : quoted(r.name);
  const args = declaredArguments(r.signature)
    .map((a) => `${quoted(a.name)} ${standardType(a.type)}`)
    .join(", ");
  const body = routineBody(r.text ?? "");
  const lines = [
    `CREATE OR REPLACE ${r.kind} ${shown}(${args})`,
    `RETURNS ${standardType(r.returns ?? "VARCHAR")}`,
    `LANGUAGE ${r.language}`,
    ...(r.comment ? [`COMMENT='${r.comment.replace(/'/g, "''")}'`] : []),
    ...(r.kind === "PROCEDURE"
      ? [`EXECUTE AS ${/\bEXECUTE\s+AS\s+CALLER\b/i.test(r.text ?? "") ? "CALLER" : "OWNER"}`]
      : []),
    `AS '${body.replace(/'/g, "''")}';`,
  ];
  return lines.join("\n");
}

/** The routine's body as written after AS (a $$ … $$ block or a quoted literal). */
function routineBody(text: string): string {
  const dollar = /\bAS\s+\$\$([\s\S]*)\$\$\s*;?\s*$/i.exec(text);
  if (dollar) return dollar[1] as string;
  const quoted = /\bAS\s+'((?:[^']|'')*)'\s*;?\s*$/i.exec(text);
  return quoted ? (quoted[1] as string).replace(/''/g, "'") : "";
}

/** ` DEFAULT x`, or an identity column's ` AUTOINCREMENT START … INCREMENT … ORDER`. */
function columnDefault(value: string | null): string {
  if (!value) return "";
  return value.startsWith("IDENTITY ")
    ? ` ${value.replace(/^IDENTITY/, "AUTOINCREMENT")}`
    : ` DEFAULT ${value}`;
}
