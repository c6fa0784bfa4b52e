/**
 * ROW ACCESS POLICY: declared in roles/ with `defineRowAccessPolicy`, with the tables and views it
 * protects in `attachedTo` (./policy-attachment.ts); views may instead name it in their front matter.
 */
import { z } from "zod";
import { quoteString, splitQualifiedName } from "../identifiers.js";
import { normaliseArgumentType, normaliseComment, parseSignature } from "../normalise.js";
import { canonicalSql, checkSql } from "../sql.js";
import {
  buildAttachments,
  type PolicyAttachmentObject,
  policyAttachmentSchema,
} from "./policy-attachment.js";
import {
  cannotRender,
  commentSchema,
  commentStep,
  declaredName,
  defined,
  ident,
  identifierSchema,
  mapRows,
  ownerOf,
  qualifyIn,
  step,
  text,
  when,
} from "./shared.js";
import type { KindDefinition, ShowRow } from "./types.js";

export interface RowAccessPolicyObject {
  kind: "row_access_policy";
  name: string;
  database: string;
  schema: string;
  /** Arguments as declared or described, e.g. `[{ name: "TENANT_ID", type: "VARCHAR" }]` (for DDL). */
  signature?: { name: string; type: string }[];
  /** The signature compared: names SQL-ready, types as their family (`TENANT_ID VARCHAR`). */
  signatureCanonical?: string;
  /** Boolean expression after `->`, canonical (compared). */
  body?: string;
  /** The expression as written, for DDL and reports. */
  bodyText?: string;
  comment?: string | null;
  /** Owning role (DATABASE_ROLE owners qualified with their database). Compared only when declared. */
  owner?: string;
}

export const rowAccessPolicySchema = z.strictObject({
  /** Defaults to the environment's database. */
  database: identifierSchema.optional(),
  schema: identifierSchema,
  name: identifierSchema,
  signature: z.array(z.strictObject({ name: identifierSchema, type: z.string().min(1) })).min(1),
  /** The boolean expression after `->`. */
  body: z.string().min(1),
  comment: commentSchema,
  owner: identifierSchema.optional(),
  /**
   * The tables and views this policy protects: `{ table: 'STANDARD.SHOPS', on: ['TENANT_ID'] }`.
   * Compared by drift (a detached policy is security drift) and attached by apply.
   */
  attachedTo: z.array(policyAttachmentSchema).optional(),
});
export type RowAccessPolicyDeclaration = z.input<typeof rowAccessPolicySchema>;

/** SHOW ROW ACCESS POLICIES (signature and body need DESCRIBE per policy). */
export function policyFromRow(row: ShowRow): RowAccessPolicyObject {
  const database = ident(text(row, "database_name"));
  const schema = ident(text(row, "schema_name"));
  return defined({
    kind: "row_access_policy" as const,
    name: `${database}.${schema}.${ident(text(row, "name"))}`,
    database,
    schema,
    comment: "comment" in row ? normaliseComment(text(row, "comment")) : undefined,
    owner: ownerOf(row, database),
  });
}

/** The compared form of a signature: `STRING`, `VARCHAR(10)` and `VARCHAR` are all `VARCHAR`. */
export function canonicalSignature(signature: readonly { name: string; type: string }[]): string {
  return signature.map((a) => `${declaredName(a.name)} ${normaliseArgumentType(a.type)}`).join(", ");
}

/** What DESCRIBE ROW ACCESS POLICY adds to SHOW: the signature and the body. */
export interface DescribedPolicy {
  body?: string;
  bodyText?: string;
  signature?: { name: string; type: string }[];
  signatureCanonical?: string;
}

/**
 * DESCRIBE ROW ACCESS POLICY: the signature and the body, which SHOW does not report. Argument types
 * are printed in Snowflake's resolved spelling (`VARCHAR` for a declared `STRING`), so the signature
 * is compared by type family (`canonicalSignature`), never as text.
 */
export function policyFromDescribe(row: ShowRow): DescribedPolicy {
  const described: DescribedPolicy = {};
  const body = text(row, "body");
  if (body !== null && body.trim() !== "") {
    described.body = canonicalSql(body);
    described.bodyText = body.trim();
  }
  const signature = text(row, "signature");
  if (signature !== null && signature.trim() !== "") {
    described.signature = parseSignature(signature);
    described.signatureCanonical = canonicalSignature(described.signature);
  }
  return described;
}

const signatureText = (signature: readonly { name: string; type: string }[]) =>
  signature.map((a) => `${a.name} ${a.type}`).join(", ");

export const rowAccessPolicyKind: KindDefinition<"row_access_policy"> = {
  kind: "row_access_policy",
  label: "ROW ACCESS POLICY",
  category: "security",
  order: { report: 26, create: 60, remove: 50 },
  comparedByDefault: true,
  properties: {
    signatureCanonical: { label: "signature", display: (value) => `(${String(value)})` },
    body: { label: "body", sourceText: (policy) => policy.bodyText },
    comment: { label: "comment" },
    owner: { label: "owner", category: "security" },
  },
  async read(reader, { scope }) {
    const shown = await Promise.all(
      scope.databases.map(async (database) =>
        mapRows(await reader.show(`SHOW ROW ACCESS POLICIES IN DATABASE ${database}`), policyFromRow),
      ),
    );
    const policies = shown.flat();
    // Policy bodies guard tenant data, and only DESCRIBE shows them (and the signature): one batch.
    if (policies.length > 0) {
      const described = await reader.batch(policies.map((p) => `DESCRIBE ROW ACCESS POLICY ${p.name}`));
      described.forEach((rows, index) => {
        if (rows[0]) Object.assign(policies[index]!, policyFromDescribe(rows[0]));
      });
    }
    return policies;
  },
  isManaged: (object, scope) =>
    scope.databases.includes(object.database) && !object.database.startsWith("SNOWFLAKE"),
  ownershipType: "ROW ACCESS POLICY",
  create(p) {
    if (!p.signature || !p.bodyText)
      cannotRender(`ROW ACCESS POLICY ${p.name}`, "the policy", "Declare signature and body.");
    return [
      step(
        `CREATE ROW ACCESS POLICY ${p.name} AS (${signatureText(p.signature)}) RETURNS BOOLEAN -> ${p.bodyText}${p.comment ? ` COMMENT = ${quoteString(p.comment)}` : ""}`,
        "create",
      ),
    ];
  },
  alter: (p, changes) =>
    changes.map((change) => {
      if (change.property === "body")
        return step(`ALTER ROW ACCESS POLICY ${p.name} SET BODY -> ${p.bodyText}`, "alter body");
      if (change.property === "comment") return commentStep(`ALTER ROW ACCESS POLICY ${p.name}`, p.comment);
      return cannotRender(
        `ROW ACCESS POLICY ${p.name}`,
        `a change of ${change.label}`,
        "A policy's signature cannot be altered: detach it from its views, drop it by hand, then apply again.",
      );
    }),
  remove: (p) => `DROP ROW ACCESS POLICY ${p.name}`,
  removal: "drop",
  declaration: {
    brand: "row_access_policy",
    schema: rowAccessPolicySchema,
    build(value: z.output<typeof rowAccessPolicySchema>, context) {
      const database = value.database ? declaredName(value.database) : context.db;
      const schema = declaredName(value.schema);
      const name = `${database}.${schema}.${declaredName(value.name)}`;
      const sqlProblem = checkSql(`SELECT ${value.body}`);
      if (sqlProblem) {
        context.problem(
          `ROW ACCESS POLICY ${name}`,
          `body does not parse: ${sqlProblem.message}`,
          "Fix the body expression.",
          "body",
        );
      }
      context.add({
        kind: "row_access_policy",
        name,
        database,
        schema,
        signature: value.signature.map((a) => ({
          name: declaredName(a.name),
          type: a.type.trim().toUpperCase(),
        })),
        signatureCanonical: canonicalSignature(value.signature),
        body: canonicalSql(value.body),
        bodyText: value.body.trim(),
        ...when("comment", value.comment === undefined ? undefined : value.comment || null),
        ...when("owner", value.owner === undefined ? undefined : declaredName(value.owner)),
      });
      for (const attachment of buildAttachments(name, value.attachedTo ?? [], (written) =>
        qualifyIn(written, 3, context.database),
      ))
        context.add(attachment);
    },
  },
  write(p, context) {
    const [, , name = p.name] = splitQualifiedName(p.name).map(declaredName);
    const attachedTo = context.objects
      .filter((o): o is PolicyAttachmentObject => o.kind === "policy_attachment" && o.policy === p.name)
      .map((a) => ({ [a.domain === "TABLE" ? "table" : "view"]: a.entity, on: a.columns }));
    return {
      folder: "roles",
      helper: "defineRowAccessPolicy",
      value: {
        database: p.database,
        schema: p.schema,
        name,
        ...(p.signature ? { signature: p.signature } : {}),
        ...(p.bodyText !== undefined ? { body: p.bodyText } : {}),
        ...(p.comment !== undefined ? { comment: p.comment } : {}),
        ...(p.owner !== undefined ? { owner: p.owner } : {}),
        ...(attachedTo.length > 0 ? { attachedTo } : {}),
      },
    };
  },
};
