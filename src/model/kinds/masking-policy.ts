/**
 * MASKING POLICY: declared in roles/ with `defineMaskingPolicy`, with the columns it masks in
 * `attachedTo` (./masking-attachment.ts). Modelled on ROW ACCESS POLICY: the body and signature come
 * from DESCRIBE, compared canonically; a body edited by hand is drift, and apply alters it in place
 * (`ALTER MASKING POLICY … SET BODY`), never by a drop, which Snowflake refuses while it is attached.
 */
import { z } from "zod";
import { quoteString, splitQualifiedName } from "../identifiers.js";
import { normaliseArgumentType } from "../normalise.js";
import { canonicalSql, checkSql } from "../sql.js";
import {
  buildMaskings,
  type MaskingAttachmentObject,
  maskingAttachmentSchema,
} from "./masking-attachment.js";
import { canonicalSignature, policyFromDescribe, policyFromRow } from "./row-access-policy.js";
import {
  cannotRender,
  commentSchema,
  commentStep,
  declaredName,
  identifierSchema,
  mapRows,
  qualifyIn,
  step,
  text,
  when,
} from "./shared.js";
import type { KindDefinition, ShowRow } from "./types.js";

export interface MaskingPolicyObject {
  kind: "masking_policy";
  name: string;
  database: string;
  schema: string;
  /** Arguments as declared or described: the masked value first, then condition columns (for DDL). */
  signature?: { name: string; type: string }[];
  /** The signature compared: names SQL-ready, types as their family (`VAL VARCHAR`). */
  signatureCanonical?: string;
  /** RETURNS, as declared or described (for DDL). */
  returns?: string;
  /** The return type's family (compared). */
  returnsCanonical?: string;
  /** Expression after `->`, canonical (compared). */
  body?: string;
  /** The expression as written, for DDL and reports. */
  bodyText?: string;
  comment?: string | null;
  /** EXEMPT_OTHER_POLICIES (SHOW's `options`). */
  exemptOtherPolicies?: boolean;
  owner?: string;
}

export const maskingPolicySchema = z.strictObject({
  /** Defaults to the environment's database. */
  database: identifierSchema.optional(),
  schema: identifierSchema,
  name: identifierSchema,
  /** The value to mask first (its type is the column's), then any condition columns. */
  signature: z.array(z.strictObject({ name: identifierSchema, type: z.string().min(1) })).min(1),
  /** RETURNS: the type of the first argument. */
  returns: z.string().min(1),
  /** The expression after `->`. */
  body: z.string().min(1),
  comment: commentSchema,
  exemptOtherPolicies: z.boolean().optional(),
  owner: identifierSchema.optional(),
  /**
   * The columns this policy masks: `{ table: 'STANDARD.CUSTOMERS', column: 'EMAIL' }`, with
   * `using: ['EMAIL', 'TENANT_ID']` for a conditional policy. Compared by drift (a column unmasked
   * by hand is security drift) and set by apply.
   */
  attachedTo: z.array(maskingAttachmentSchema).optional(),
});
export type MaskingPolicyDeclaration = z.input<typeof maskingPolicySchema>;

/** SHOW MASKING POLICIES (signature, return type and body need DESCRIBE per policy). */
export function maskingPolicyFromRow(row: ShowRow): MaskingPolicyObject {
  const { name, database, schema, comment, owner } = policyFromRow(row);
  const options = text(row, "options") ?? "";
  return {
    kind: "masking_policy",
    name,
    database,
    schema,
    ...(comment !== undefined ? { comment } : {}),
    ...(owner !== undefined ? { owner } : {}),
    ...("options" in row
      ? { exemptOtherPolicies: /EXEMPT_OTHER_POLICIES"?\s*:\s*"?TRUE/i.test(options) }
      : {}),
  };
}

/** DESCRIBE MASKING POLICY: the signature, return type and body. */
export function maskingPolicyFromDescribe(row: ShowRow): Partial<MaskingPolicyObject> {
  const described: Partial<MaskingPolicyObject> = policyFromDescribe(row);
  const returns = text(row, "return_type");
  if (returns !== null && returns.trim() !== "") {
    described.returns = returns.trim();
    described.returnsCanonical = normaliseArgumentType(returns);
  }
  return described;
}

const signatureText = (signature: readonly { name: string; type: string }[]) =>
  signature.map((a) => `${a.name} ${a.type}`).join(", ");

export const maskingPolicyKind: KindDefinition<"masking_policy"> = {
  kind: "masking_policy",
  label: "MASKING POLICY",
  category: "security",
  order: { report: 28, create: 61, remove: 51 },
  comparedByDefault: true,
  properties: {
    signatureCanonical: { label: "signature", display: (value) => `(${String(value)})` },
    returnsCanonical: { label: "returns" },
    body: { label: "body", sourceText: (policy) => policy.bodyText },
    comment: { label: "comment" },
    exemptOtherPolicies: { label: "exempt_other_policies" },
    owner: { label: "owner" },
  },
  async read(reader, { scope }) {
    const shown = await Promise.all(
      scope.databases.map(async (database) =>
        mapRows(await reader.show(`SHOW MASKING POLICIES IN DATABASE ${database}`), maskingPolicyFromRow),
      ),
    );
    const policies = shown.flat();
    // Only DESCRIBE shows the body, signature and return type: one batch for all policies.
    if (policies.length > 0) {
      const described = await reader.batch(policies.map((p) => `DESCRIBE MASKING POLICY ${p.name}`));
      described.forEach((rows, index) => {
        if (rows[0]) Object.assign(policies[index]!, maskingPolicyFromDescribe(rows[0]));
      });
    }
    return policies;
  },
  isManaged: (object, scope) =>
    scope.databases.includes(object.database) && !object.database.startsWith("SNOWFLAKE"),
  ownershipType: "MASKING POLICY",
  create(p) {
    if (!p.signature || !p.bodyText || !p.returns)
      cannotRender(`MASKING POLICY ${p.name}`, "the policy", "Declare signature, returns and body.");
    const comment = p.comment ? ` COMMENT = ${quoteString(p.comment)}` : "";
    const exempt = p.exemptOtherPolicies ? " EXEMPT_OTHER_POLICIES = TRUE" : "";
    return [
      step(
        `CREATE MASKING POLICY ${p.name} AS (${signatureText(p.signature)}) RETURNS ${p.returns} -> ${p.bodyText}${comment}${exempt}`,
        "create",
      ),
    ];
  },
  alter: (p, changes) =>
    changes.map((change) => {
      if (change.property === "body")
        return step(`ALTER MASKING POLICY ${p.name} SET BODY -> ${p.bodyText}`, "alter body");
      if (change.property === "comment") return commentStep(`ALTER MASKING POLICY ${p.name}`, p.comment);
      return cannotRender(
        `MASKING POLICY ${p.name}`,
        `a change of ${change.label}`,
        "A masking policy's signature, return type and EXEMPT_OTHER_POLICIES cannot be altered while it masks a column: unset it from its columns, drop it by hand, then apply again.",
      );
    }),
  remove: (p) => `DROP MASKING POLICY ${p.name}`,
  removal: "drop",
  declaration: {
    brand: "masking_policy",
    schema: maskingPolicySchema,
    build(value: z.output<typeof maskingPolicySchema>, context) {
      const database = value.database ? declaredName(value.database) : context.db;
      const schema = declaredName(value.schema);
      const name = `${database}.${schema}.${declaredName(value.name)}`;
      const sqlProblem = checkSql(`SELECT ${value.body}`);
      if (sqlProblem)
        context.problem(
          `MASKING POLICY ${name}`,
          `body does not parse: ${sqlProblem.message}`,
          "Fix the body expression.",
          "body",
        );
      if (normaliseArgumentType(value.returns) !== normaliseArgumentType(value.signature[0]!.type))
        context.problem(
          `MASKING POLICY ${name}`,
          `returns ${value.returns}, but the value it masks is ${value.signature[0]!.type}`,
          "A masking policy returns the type of its first argument (Snowflake refuses anything else).",
          "returns",
        );
      context.add({
        kind: "masking_policy",
        name,
        database,
        schema,
        signature: value.signature.map((a) => ({
          name: declaredName(a.name),
          type: a.type.trim().toUpperCase(),
        })),
        signatureCanonical: canonicalSignature(value.signature),
        returns: value.returns.trim().toUpperCase(),
        returnsCanonical: normaliseArgumentType(value.returns),
        body: canonicalSql(value.body),
        bodyText: value.body.trim(),
        exemptOtherPolicies: value.exemptOtherPolicies ?? false,
        ...when("comment", value.comment === undefined ? undefined : value.comment || null),
        ...when("owner", value.owner === undefined ? undefined : declaredName(value.owner)),
      });
      for (const masking of buildMaskings(name, value.attachedTo ?? [], (written) =>
        qualifyIn(written, 3, context.database),
      ))
        context.add(masking);
    },
  },
  write(p, context) {
    const [, , name = p.name] = splitQualifiedName(p.name).map(declaredName);
    const attachedTo = context.objects
      .filter((o): o is MaskingAttachmentObject => o.kind === "masking_attachment" && o.policy === p.name)
      .map((m) => ({
        [m.domain === "TABLE" ? "table" : "view"]: m.entity,
        column: m.column,
        ...(m.using.length > 0 ? { using: [m.column, ...m.using] } : {}),
      }));
    return {
      folder: "roles",
      helper: "defineMaskingPolicy",
      value: {
        database: p.database,
        schema: p.schema,
        name,
        ...(p.signature ? { signature: p.signature } : {}),
        ...(p.returns ? { returns: p.returns } : {}),
        ...(p.bodyText !== undefined ? { body: p.bodyText } : {}),
        ...(p.comment !== undefined ? { comment: p.comment } : {}),
        ...(p.exemptOtherPolicies ? { exemptOtherPolicies: true } : {}),
        ...(p.owner !== undefined ? { owner: p.owner } : {}),
        ...(attachedTo.length > 0 ? { attachedTo } : {}),
      },
    };
  },
};
