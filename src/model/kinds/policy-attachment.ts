/**
 * ROW ACCESS POLICY ON <table|view>: which row access policy protects a table or view, on which
 * columns. Tenant isolation is only as good as its attachments, so a detached or re-pointed policy is
 * drift (category security). Declared in the `attachedTo` of `defineRowAccessPolicy` (tables are
 * created by migrations, so their attachments are declared with the policy) and in a view's front
 * matter (`rowAccessPolicy`). Snowflake reports attachments only through the table function
 * INFORMATION_SCHEMA.POLICY_REFERENCES, read here once per live policy, all in one round trip.
 * Masking policies are not modelled yet (no kind declares them), so only row access policies are compared.
 */
import { z } from "zod";
import { quoteString } from "../identifiers.js";
import { declaredName, ident, identifierSchema, mapRows, qualifiedSchema, step, text } from "./shared.js";
import type { KindDefinition, RenderContext, ShowRow } from "./types.js";

export interface PolicyAttachmentObject {
  kind: "policy_attachment";
  /** `TABLE DB.SCHEMA.NAME` or `VIEW DB.SCHEMA.NAME`: an object carries one row access policy at most. */
  name: string;
  domain: "TABLE" | "VIEW";
  /** The protected object, `DB.SCHEMA.NAME`, SQL-ready. */
  entity: string;
  database: string;
  /** The policy, `DB.SCHEMA.NAME`, SQL-ready. */
  policy: string;
  /** The columns passed to the policy's arguments, in order, SQL-ready. */
  columns: string[];
}

/** One entry of `attachedTo` in `defineRowAccessPolicy`. */
export const policyAttachmentSchema = z.union([
  z.strictObject({ table: qualifiedSchema, on: z.array(identifierSchema).min(1) }),
  z.strictObject({ view: qualifiedSchema, on: z.array(identifierSchema).min(1) }),
]);
export type PolicyAttachmentDeclaration = z.input<typeof policyAttachmentSchema>;

/** An attachment with its name. */
export function policyAttachment(
  fields: Omit<PolicyAttachmentObject, "kind" | "name" | "database">,
): PolicyAttachmentObject {
  const database = fields.entity.slice(0, databaseEnd(fields.entity));
  return { kind: "policy_attachment", name: `${fields.domain} ${fields.entity}`, database, ...fields };
}

/** Index of the first `.` outside double quotes. */
function databaseEnd(name: string): number {
  let quoted = false;
  for (let i = 0; i < name.length; i++) {
    if (name[i] === '"') quoted = !quoted;
    if (name[i] === "." && !quoted) return i;
  }
  return name.length;
}

/**
 * A POLICY_REFERENCES row (upper-case columns, read lower-cased). `REF_ARG_COLUMN_NAMES` is a JSON
 * array text (`[ "TENANT_ID" ]`); rows of other policy kinds (masking, tags) are skipped.
 */
export function attachmentFromReferenceRow(row: ShowRow): PolicyAttachmentObject | undefined {
  if ((text(row, "policy_kind") ?? "").toUpperCase() !== "ROW_ACCESS_POLICY") return undefined;
  const domain = (text(row, "ref_entity_domain") ?? "").toUpperCase();
  if (domain !== "TABLE" && domain !== "VIEW") return undefined;
  let columns: string[] = [];
  try {
    const parsed: unknown = JSON.parse(text(row, "ref_arg_column_names") ?? "[]");
    if (Array.isArray(parsed)) columns = parsed.map((c) => ident(String(c)));
  } catch {
    columns = [];
  }
  const part = (column: string) => ident(text(row, column));
  return policyAttachment({
    domain,
    entity: `${part("ref_database_name")}.${part("ref_schema_name")}.${part("ref_entity_name")}`,
    policy: `${part("policy_db")}.${part("policy_schema")}.${part("policy_name")}`,
    columns,
  });
}

/** A SHOW ROW ACCESS POLICIES row as the name and database POLICY_REFERENCES needs. */
function policyOfRow(row: ShowRow): { name: string; database: string } {
  const database = ident(text(row, "database_name"));
  return { name: `${database}.${ident(text(row, "schema_name"))}.${ident(text(row, "name"))}`, database };
}

/** The statement that reads one policy's attachments. */
export function policyReferencesSql(policy: { name: string; database: string }): string {
  return `SELECT * FROM TABLE(${policy.database}.INFORMATION_SCHEMA.POLICY_REFERENCES(POLICY_NAME => ${quoteString(policy.name)}))`;
}

/** A view created or replaced by the same plan attaches its declared policy in its own DDL. */
function rebuiltWithView(a: PolicyAttachmentObject, context: RenderContext): boolean {
  return a.domain === "VIEW" && (context.viewsRebuilt?.has(a.entity) ?? false);
}

const onClause = (a: PolicyAttachmentObject) => `${a.domain} ${a.entity}`;
const addSql = (a: PolicyAttachmentObject) =>
  `ALTER ${onClause(a)} ADD ROW ACCESS POLICY ${a.policy} ON (${a.columns.join(", ")})`;

export const policyAttachmentKind: KindDefinition<"policy_attachment"> = {
  kind: "policy_attachment",
  label: "ROW ACCESS POLICY ON",
  category: "security",
  // After policies and views are created; detached before views and policies are dropped.
  order: { report: 27, create: 76, remove: 35 },
  comparedByDefault: true,
  properties: {
    policy: { label: "policy" },
    columns: { label: "columns", display: (value) => `(${(value as string[]).join(", ")})` },
  },
  async read(reader, { scope }) {
    const policies = (
      await Promise.all(
        scope.databases.map(async (database) =>
          mapRows(await reader.show(`SHOW ROW ACCESS POLICIES IN DATABASE ${database}`), policyOfRow),
        ),
      )
    ).flat();
    if (policies.length === 0) return [];
    const references = await reader.batch(policies.map(policyReferencesSql));
    return references.flatMap((rows) => mapRows(rows, attachmentFromReferenceRow));
  },
  isManaged: (object, scope) =>
    scope.databases.includes(object.database) && !object.database.startsWith("SNOWFLAKE"),
  create: (a, context) => (rebuiltWithView(a, context) ? [] : [step(addSql(a), "attach row access policy")]),
  alter(a, changes, context) {
    if (rebuiltWithView(a, context)) return [];
    // One policy per object: detach what is attached, then attach the declared one.
    const livePolicy = changes.find((c) => c.property === "policy")?.live;
    return [
      {
        sql: `ALTER ${onClause(a)} DROP ROW ACCESS POLICY ${typeof livePolicy === "string" ? livePolicy : a.policy}`,
        destructive: true,
        reason: "detach row access policy (re-attached by the next statement)",
      },
      step(addSql(a), "attach row access policy"),
    ];
  },
  remove: (a) => `ALTER ${onClause(a)} DROP ROW ACCESS POLICY ${a.policy}`,
  removal: "drop",
  check(object, context) {
    if (!context.has("row_access_policy", object.policy)) {
      context.problem(
        `attaches row access policy ${object.policy}, which is not declared`,
        "Declare it with defineRowAccessPolicy in roles/.",
      );
    }
  },
  // Written with its policy (`attachedTo`) or its view's front matter.
  write: () => undefined,
};

/** Builds the declared attachments of a policy (`attachedTo`), names qualified in the environment's database. */
export function buildAttachments(
  policy: string,
  attachedTo: readonly z.output<typeof policyAttachmentSchema>[],
  qualify: (written: string) => string,
): PolicyAttachmentObject[] {
  return attachedTo.map((entry) =>
    policyAttachment({
      domain: "table" in entry ? "TABLE" : "VIEW",
      entity: qualify("table" in entry ? entry.table : entry.view),
      policy,
      columns: entry.on.map(declaredName),
    }),
  );
}
