/**
 * INFORMATION_SCHEMA follows privileges, as in Snowflake: its views list only the objects the
 * session's roles hold some privilege on (OWNERSHIP included), and SCHEMATA only such schemas.
 * The core reads these views like any relation; this filter reaches it through the row access
 * rewrite (`rowAccessFilter`), so the views themselves stay plain DuckDB views over the metadata.
 */
import type { QualifiedName } from "../hooks.js";
import { RELATION_KINDS } from "./authorise.js";
import type { CatalogContext, CatalogEnv } from "./context.js";
import { grantsOn, holds, type RoleSet, sessionRoles } from "./privileges.js";

/** The name columns of each filtered view, and the object kinds its rows are. */
const VIEWS: Record<string, { schema: string; name?: string; kinds: readonly string[] }> = {
  TABLES: { schema: "TABLE_SCHEMA", name: "TABLE_NAME", kinds: RELATION_KINDS },
  COLUMNS: { schema: "TABLE_SCHEMA", name: "TABLE_NAME", kinds: RELATION_KINDS },
  VIEWS: { schema: "TABLE_SCHEMA", name: "TABLE_NAME", kinds: RELATION_KINDS },
  SEQUENCES: { schema: "SEQUENCE_SCHEMA", name: "SEQUENCE_NAME", kinds: ["SEQUENCE"] },
  SCHEMATA: { schema: "SCHEMA_NAME", kinds: ["SCHEMA"] },
};

const literal = (text: string): string => `'${text.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;

/** True when the roles hold a privilege on the object, or nobody owns it (open to every role). */
function sees(env: CatalogEnv, roles: RoleSet, kinds: readonly string[], name: string[]): boolean {
  let owned = false;
  for (const kind of kinds) {
    for (const g of grantsOn(env, kind, name)) {
      if (holds(roles, g)) return true;
      if (g.privilege === "OWNERSHIP") owned = true;
    }
  }
  return !owned;
}

/**
 * The predicate that keeps the rows of `relation` (an INFORMATION_SCHEMA view) the session may see,
 * or null when the relation is not one of the filtered views.
 */
export async function informationSchemaFilter(
  env: CatalogEnv,
  ctx: CatalogContext,
  relation: QualifiedName,
): Promise<string | null> {
  const view = VIEWS[relation.name];
  if (relation.schema !== "INFORMATION_SCHEMA" || view === undefined) return null;
  const roles = sessionRoles(env, ctx);
  const database = relation.database;
  if (view.name === undefined) {
    const schemas = (await env.directory.schemas(database))
      .filter((s) => s.name === "INFORMATION_SCHEMA" || sees(env, roles, view.kinds, [database, s.name]))
      .map((s) => literal(s.name));
    return schemas.length === 0 ? "FALSE" : `${view.schema} IN (${schemas.join(", ")})`;
  }
  const bySchema = new Map<string, string[]>();
  const add = (schema: string, name: string): void => {
    const names = bySchema.get(schema) ?? [];
    names.push(literal(name));
    bySchema.set(schema, names);
  };
  if (view.kinds === RELATION_KINDS) {
    for (const r of await env.directory.relations(database)) {
      if (r.schema !== "INFORMATION_SCHEMA" && sees(env, roles, view.kinds, [database, r.schema, r.name]))
        add(r.schema, r.name);
    }
  } else {
    // Sequences are not in the directory: the grants held name them.
    for (const g of env.store.grants.values()) {
      if (view.kinds.includes(g.objectType) && g.objectName[0] === database && holds(roles, g))
        add(g.objectName[1] as string, g.objectName[2] as string);
    }
  }
  if (bySchema.size === 0) return "FALSE";
  return [...bySchema]
    .map(
      ([schema, names]) => `(${view.schema} = ${literal(schema)} AND ${view.name} IN (${names.join(", ")}))`,
    )
    .join(" OR ");
}
