/**
 * The masking_policy and masking_attachment kinds: SHOW / DESCRIBE / POLICY_REFERENCES rows as
 * Snowflake prints them, the DDL plan and apply run, a declaration that cannot work, and the writer
 * round trip `import` relies on (declarations -> model -> files -> loaded -> the same model).
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  type AccountModel,
  maskingAttachment,
  maskingAttachmentKind,
  maskingFromReferenceRow,
  maskingPolicyFromDescribe,
  maskingPolicyFromRow,
  maskingPolicyKind,
  type ModelObject,
  writeProject,
} from "../../src/model/index.js";
import { buildDesiredModel, loadDeclarations } from "../../src/project/declarations/index.js";
import { context } from "../diff/helpers.js";

const declaration = {
  file: "roles/masks.ts",
  brand: "masking_policy" as const,
  value: {
    schema: "ADMIN",
    name: "EMAIL_MASK",
    signature: [
      { name: "VAL", type: "string" },
      { name: "TENANT", type: "VARCHAR" },
    ],
    returns: "string",
    body: "CASE WHEN IS_ROLE_IN_SESSION('SUPPORT') OR TENANT = 'B' THEN VAL ELSE '*****' END",
    comment: "contact data",
    attachedTo: [
      { table: "STANDARD.CUSTOMERS", column: "EMAIL", using: ["EMAIL", "TENANT_ID"] },
      { view: "ANALYTICS.CONTACTS", column: "email" },
    ],
  },
};

function build(values: unknown[]): AccountModel {
  const result = buildDesiredModel(
    { declarations: values.map((value) => ({ ...declaration, value })), views: [] },
    context,
    {},
    [],
  );
  if (result.problems.length > 0) throw new Error(result.problems.map((p) => p.describe()).join("\n"));
  return result.model;
}

describe("MASKING POLICY kinds", () => {
  it("reads SHOW MASKING POLICIES and DESCRIBE MASKING POLICY rows as Snowflake prints them", () => {
    const shown = maskingPolicyFromRow({
      created_on: "2022-08-13 16:59:59.733 +0000",
      name: "EMAIL_MASK",
      database_name: "GOVERNANCE",
      schema_name: "POLICIES",
      kind: "MASKING_POLICY",
      owner: "MASKING_ADMIN",
      comment: "",
      options: '{"EXEMPT_OTHER_POLICIES": "TRUE"}',
      owner_role_type: "ROLE",
    });
    expect(shown).toMatchObject({
      kind: "masking_policy",
      name: "GOVERNANCE.POLICIES.EMAIL_MASK",
      comment: null,
      owner: "MASKING_ADMIN",
      exemptOtherPolicies: true,
    });
    expect(
      maskingPolicyFromDescribe({
        name: "SSN_MASK",
        signature: "(VAL VARCHAR)",
        return_type: "VARCHAR(16777216)",
        body: "case when current_role() in ('ANALYST') then val else '*********' end",
      }),
    ).toMatchObject({
      signatureCanonical: "VAL VARCHAR",
      returns: "VARCHAR(16777216)",
      returnsCanonical: "VARCHAR",
      bodyText: "case when current_role() in ('ANALYST') then val else '*********' end",
    });
  });

  it("reads masking rows of POLICY_REFERENCES (table and column; USING's condition columns) and skips row access rows", () => {
    const row = {
      policy_db: "MERCURIOS_DATA",
      policy_schema: "ADMIN",
      policy_name: "EMAIL_MASK",
      policy_kind: "MASKING_POLICY",
      ref_database_name: "MERCURIOS_DATA",
      ref_schema_name: "STANDARD",
      ref_entity_name: "CUSTOMERS",
      ref_entity_domain: "TABLE",
      ref_column_name: "EMAIL",
      ref_arg_column_names: '[ "TENANT_ID" ]',
    };
    expect(maskingFromReferenceRow(row)).toEqual({
      kind: "masking_attachment",
      name: "TABLE MERCURIOS_DATA.STANDARD.CUSTOMERS.EMAIL",
      domain: "TABLE",
      entity: "MERCURIOS_DATA.STANDARD.CUSTOMERS",
      database: "MERCURIOS_DATA",
      column: "EMAIL",
      policy: "MERCURIOS_DATA.ADMIN.EMAIL_MASK",
      using: ["TENANT_ID"],
    });
    expect(maskingFromReferenceRow({ ...row, ref_arg_column_names: null })?.using).toEqual([]);
    expect(maskingFromReferenceRow({ ...row, policy_kind: "ROW_ACCESS_POLICY" })).toBeUndefined();
  });

  it("renders create, SET BODY, SET … USING, FORCE to re-point, and UNSET", () => {
    const model = build([declaration.value]);
    const policy = model.objects.get("masking_policy:MERCURIOS_DATA.ADMIN.EMAIL_MASK")!;
    expect(policy.kind).toBe("masking_policy");
    const p = policy as Extract<ModelObject, { kind: "masking_policy" }>;
    expect(maskingPolicyKind.create(p, { desired: [] }).map((s) => s.sql)).toEqual([
      "CREATE MASKING POLICY MERCURIOS_DATA.ADMIN.EMAIL_MASK AS (VAL STRING, TENANT VARCHAR) RETURNS STRING -> CASE WHEN IS_ROLE_IN_SESSION('SUPPORT') OR TENANT = 'B' THEN VAL ELSE '*****' END COMMENT = 'contact data'",
    ]);
    const body = [{ property: "body", label: "body", declared: "x", live: "y" }];
    expect(maskingPolicyKind.alter(p, body, { desired: [] }).map((s) => s.sql)).toEqual([
      "ALTER MASKING POLICY MERCURIOS_DATA.ADMIN.EMAIL_MASK SET BODY -> CASE WHEN IS_ROLE_IN_SESSION('SUPPORT') OR TENANT = 'B' THEN VAL ELSE '*****' END",
    ]);
    expect(() =>
      maskingPolicyKind.alter(
        p,
        [{ property: "returnsCanonical", label: "returns", declared: "A", live: "B" }],
        {
          desired: [],
        },
      ),
    ).toThrow(/cannot render a change of returns/);
    const customers = model.objects.get("masking_attachment:TABLE MERCURIOS_DATA.STANDARD.CUSTOMERS.EMAIL")!;
    const m = customers as Extract<ModelObject, { kind: "masking_attachment" }>;
    expect(m.using).toEqual(["TENANT_ID"]);
    expect(maskingAttachmentKind.create(m, { desired: [] }).map((s) => s.sql)).toEqual([
      "ALTER TABLE MERCURIOS_DATA.STANDARD.CUSTOMERS MODIFY COLUMN EMAIL SET MASKING POLICY MERCURIOS_DATA.ADMIN.EMAIL_MASK USING (EMAIL, TENANT_ID)",
    ]);
    expect(maskingAttachmentKind.alter(m, [], { desired: [] }).map((s) => [s.sql, s.destructive])).toEqual([
      [
        "ALTER TABLE MERCURIOS_DATA.STANDARD.CUSTOMERS MODIFY COLUMN EMAIL SET MASKING POLICY MERCURIOS_DATA.ADMIN.EMAIL_MASK USING (EMAIL, TENANT_ID) FORCE",
        false,
      ],
    ]);
    const view = maskingAttachment({
      domain: "VIEW",
      entity: "MERCURIOS_DATA.ANALYTICS.CONTACTS",
      column: "EMAIL",
      policy: "MERCURIOS_DATA.ADMIN.EMAIL_MASK",
      using: [],
    });
    expect(model.objects.get(`masking_attachment:${view.name}`)).toEqual(view);
    expect(maskingAttachmentKind.remove(view)).toBe(
      "ALTER VIEW MERCURIOS_DATA.ANALYTICS.CONTACTS MODIFY COLUMN EMAIL UNSET MASKING POLICY",
    );
  });

  it("a return type other than the masked value's type is a declaration problem", () => {
    expect(() => build([{ ...declaration.value, returns: "NUMBER" }])).toThrow(
      /returns NUMBER, but the value it masks is string/,
    );
  });

  it("import writes the policy with its columns; loading the file gives the same model", async () => {
    const desired = build([declaration.value]);
    const written = writeProject([...desired.objects.values()], { db: "MERCURIOS_DATA" });
    expect(written.files.map((f) => f.path)).toEqual(["roles/email-mask.ts"]);
    expect(written.files[0]!.text).toContain("defineMaskingPolicy({");
    const dir = await mkdtemp(path.join(os.tmpdir(), "mercurios-masking-"));
    try {
      for (const file of written.files) {
        await mkdir(path.dirname(path.join(dir, file.path)), { recursive: true });
        await writeFile(path.join(dir, file.path), file.text);
      }
      const loaded = await loadDeclarations({ root: dir, context, processEnv: {} });
      const strip = (model: AccountModel) =>
        [...model.objects.values()].map((object) => {
          const {
            source: _s,
            sourceLine: _l,
            ...rest
          } = object as ModelObject & {
            source?: string;
            sourceLine?: number;
          };
          return rest;
        });
      expect(strip(loaded.model)).toEqual(strip(desired));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
