/**
 * MASKING POLICY ON <table|view>.<column>: which masking policy masks a column, with which USING
 * columns. A column unmasked by hand shows raw values to every role, so a missing or re-pointed
 * masking is drift (category security). Declared in the `attachedTo` of `defineMaskingPolicy`;
 * read from INFORMATION_SCHEMA.POLICY_REFERENCES (Snowflake has no SHOW for it), once per live
 * masking policy, all in one round trip.
 */
import { z } from "zod";
import { quoteString } from "../identifiers.js";
import { declaredName, ident, identifierSchema, mapRows, qualifiedSchema, step, text } from "./shared.js";
import type { KindDefinition, ShowRow } from "./types.js";

export interface MaskingAttachmentObject {
  kind: "masking_attachment";
  /** `TABLE DB.SCHEMA.NAME.COLUMN`: a column carries one masking policy at most. */
  name: string;
  domain: "TABLE" | "VIEW";
  /** The table or view, `DB.SCHEMA.NAME`, SQL-ready. */
  entity: string;
  database: string;
  /** The masked column, SQL-ready. */
  column: string;
  /** The policy, `DB.SCHEMA.NAME`, SQL-ready. */
  policy: string;
  /** Condition columns after the masked one (USING's tail), SQL-ready; empty for a plain policy. */
  using: string[];
}

/** One entry of `attachedTo` in `defineMaskingPolicy`. */
export const maskingAttachmentSchema = z.union([
  z.strictObject({
    table: qualifiedSchema,
    column: identifierSchema,
    using: z.array(identifierSchema).min(1).optional(),
  }),
  z.strictObject({
    view: qualifiedSchema,
    column: identifierSchema,
    using: z.array(identifierSchema).min(1).optional(),
  }),
]);

/** A masking with its name. */
export function maskingAttachment(
  fields: Omit<MaskingAttachmentObject, "kind" | "name" | "database">,
): MaskingAttachmentObject {
  const database = fields.entity.slice(0, databaseEnd(fields.entity));
  return {
    kind: "masking_attachment",
    name: `${fields.domain} ${fields.entity}.${fields.column}`,
    database,
    ...fields,
  };
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

/** A POLICY_REFERENCES row of kind MASKING_POLICY (other kinds are skipped). */
export function maskingFromReferenceRow(row: ShowRow): MaskingAttachmentObject | undefined {
  if ((text(row, "policy_kind") ?? "").toUpperCase() !== "MASKING_POLICY") return undefined;
  const domain = (text(row, "ref_entity_domain") ?? "").toUpperCase();
  if (domain !== "TABLE" && domain !== "VIEW") return undefined;
  const column = text(row, "ref_column_name");
  if (!column) return undefined;
  let using: string[] = [];
  try {
    const parsed: unknown = JSON.parse(text(row, "ref_arg_column_names") ?? "[]");
    if (Array.isArray(parsed)) using = parsed.map((c) => ident(String(c)));
  } catch {
    using = [];
  }
  const part = (name: string) => ident(text(row, name));
  return maskingAttachment({
    domain,
    entity: `${part("ref_database_name")}.${part("ref_schema_name")}.${part("ref_entity_name")}`,
    column: ident(column),
    policy: `${part("policy_db")}.${part("policy_schema")}.${part("policy_name")}`,
    using,
  });
}

function policyOfRow(row: ShowRow): { name: string; database: string } {
  const database = ident(text(row, "database_name"));
  return { name: `${database}.${ident(text(row, "schema_name"))}.${ident(text(row, "name"))}`, database };
}

const setSql = (m: MaskingAttachmentObject, force: boolean) =>
  `ALTER ${m.domain} ${m.entity} MODIFY COLUMN ${m.column} SET MASKING POLICY ${m.policy}${
    m.using.length > 0 ? ` USING (${[m.column, ...m.using].join(", ")})` : ""
  }${force ? " FORCE" : ""}`;

export const maskingAttachmentKind: KindDefinition<"masking_attachment"> = {
  kind: "masking_attachment",
  label: "MASKING POLICY ON",
  category: "security",
  // After policies (and views) are created; unset before views and policies are dropped.
  order: { report: 29, create: 77, remove: 36 },
  comparedByDefault: true,
  properties: {
    policy: { label: "policy" },
    using: { label: "using", display: (value) => `(${(value as string[]).join(", ")})` },
  },
  async read(reader, { scope }) {
    const policies = (
      await Promise.all(
        scope.databases.map(async (database) =>
          mapRows(await reader.show(`SHOW MASKING POLICIES IN DATABASE ${database}`), policyOfRow),
        ),
      )
    ).flat();
    if (policies.length === 0) return [];
    const references = await reader.batch(
      policies.map(
        (p) =>
          `SELECT * FROM TABLE(${p.database}.INFORMATION_SCHEMA.POLICY_REFERENCES(POLICY_NAME => ${quoteString(p.name)}))`,
      ),
    );
    return references.flatMap((rows) => mapRows(rows, maskingFromReferenceRow));
  },
  isManaged: (object, scope) =>
    scope.databases.includes(object.database) && !object.database.startsWith("SNOWFLAKE"),
  create: (m) => [step(setSql(m, false), "set masking policy")],
  // FORCE replaces the policy in one statement: the column is never unmasked in between.
  alter: (m) => [step(setSql(m, true), "set masking policy")],
  remove: (m) => `ALTER ${m.domain} ${m.entity} MODIFY COLUMN ${m.column} UNSET MASKING POLICY`,
  removal: "drop",
  check(object, context) {
    if (!context.has("masking_policy", object.policy))
      context.problem(
        `masks with ${object.policy}, which is not declared`,
        "Declare it with defineMaskingPolicy in roles/.",
      );
  },
  // Written with its policy (`attachedTo`).
  write: () => undefined,
};

/** Builds the declared maskings of a policy (`attachedTo`), names qualified in the environment's database. */
export function buildMaskings(
  policy: string,
  attachedTo: readonly z.output<typeof maskingAttachmentSchema>[],
  qualify: (written: string) => string,
): MaskingAttachmentObject[] {
  return attachedTo.map((entry) => {
    const column = declaredName(entry.column);
    const using = (entry.using ?? []).map(declaredName);
    return maskingAttachment({
      domain: "table" in entry ? "TABLE" : "VIEW",
      entity: qualify("table" in entry ? entry.table : entry.view),
      column,
      policy,
      // USING names the masked column first; the model keeps the condition columns after it.
      using: using[0] === column ? using.slice(1) : using,
    });
  });
}
