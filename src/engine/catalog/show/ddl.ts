/** GET_DDL('<kind>', '<name>' [, <fully qualified>]) for the objects the engine knows. */
import type { CatalogContext, CatalogEnv } from "../context.js";
import { catalogError, notFound } from "../errors.js";
import { splitName } from "../lexer.js";
import { displayName, nameKey, quotePart } from "../names.js";
import { resolveName } from "../objects.js";
import { maskingPolicyDdl } from "../masking-policies.js";
import { policyDdl } from "../policies.js";
import { ownerOf, seesObject, sessionRoles } from "../privileges.js";
import { taskDdl } from "../tasks.js";
import { warehouseDdl } from "../warehouses.js";

/** Turns a view's CREATE text into the `create or replace view …;` form GET_DDL returns. */
export function viewDdl(text: string): string {
  const trimmed = text.trim().replace(/;\s*$/, "");
  const replaced = /^create\s+or\s+replace\b/i.test(trimmed)
    ? trimmed
    : trimmed.replace(/^create\b/i, "create or replace");
  return `${replaced};`;
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
      const shown = fullyQualified ? name.map(quotePart).join(".") : quotePart(name[2]!);
      if (rel.kind !== "TABLE") return viewDdl(rel.text ?? `create view ${shown} as select 1`);
      const cols = await env.directory.columns(name[0]!, name[1]!, name[2]!);
      const body = cols
        .map(
          (c) =>
            `\t${quotePart(c.name)} ${c.type}${c.nullable ? "" : " NOT NULL"}${columnDefault(c.default)}${c.comment ? ` COMMENT '${c.comment.replace(/'/g, "\\'")}'` : ""}`,
        )
        .join(",\n");
      return `create or replace ${rel.transient ? "TRANSIENT " : ""}TABLE ${shown} (\n${body}\n);`;
    }
    case "SCHEMA": {
      const name = resolveName(ctx, "SCHEMA", written);
      if (!(await env.directory.schemas(name[0])).some((s) => s.name === name[1]))
        throw notFound("Schema", displayName(name));
      return `create or replace schema ${fullyQualified ? displayName(name) : quotePart(name[1]!)};`;
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

/** ` DEFAULT x`, or an identity column's ` AUTOINCREMENT START … INCREMENT … ORDER`. */
function columnDefault(value: string | null): string {
  if (!value) return "";
  return value.startsWith("IDENTITY ")
    ? ` ${value.replace(/^IDENTITY/, "AUTOINCREMENT")}`
    : ` DEFAULT ${value}`;
}
