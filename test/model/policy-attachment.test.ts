/**
 * Row access policy attachments (ROW ACCESS POLICY ON <table|view>): POLICY_REFERENCES rows as
 * Snowflake prints them, the DDL that repairs them, and the unmanaged roles, users and warehouses.
 */
import { describe, expect, it } from "vitest";
import { diffModels, unmanagedObjects } from "../../src/diff/index.js";
import {
  attachmentFromReferenceRow,
  type ModelObject,
  policyAttachment,
  policyAttachmentKind,
  policyReferencesSql,
  type ViewObject,
} from "../../src/model/index.js";
import { desiredFrom, liveCopy, liveOf, sampleInput } from "../diff/helpers.js";

const POLICY = "MERCURIOS_DATA.ADMIN.TENANT_ISOLATION";
const CUSTOMERS = "MERCURIOS_DATA.STANDARD.CUSTOMERS";

describe("ROW ACCESS POLICY ON", () => {
  it("reads a POLICY_REFERENCES row (upper-case columns, JSON column list with spaces) and skips masking rows", () => {
    const row = {
      policy_db: "MERCURIOS_DATA",
      policy_schema: "ADMIN",
      policy_name: "TENANT_ISOLATION",
      policy_kind: "ROW_ACCESS_POLICY",
      ref_database_name: "MERCURIOS_DATA",
      ref_schema_name: "STANDARD",
      ref_entity_name: "customers",
      ref_entity_domain: "table",
      ref_column_name: null,
      ref_arg_column_names: '[ "TENANT_ID" ]',
      policy_status: "ACTIVE",
    };
    expect(attachmentFromReferenceRow(row)).toEqual({
      kind: "policy_attachment",
      name: 'TABLE MERCURIOS_DATA.STANDARD."customers"',
      domain: "TABLE",
      entity: 'MERCURIOS_DATA.STANDARD."customers"',
      database: "MERCURIOS_DATA",
      policy: POLICY,
      columns: ["TENANT_ID"],
    });
    expect(attachmentFromReferenceRow({ ...row, policy_kind: "MASKING_POLICY" })).toBeUndefined();
  });

  it("renders attach, re-point (detach then attach, destructive) and detach", () => {
    const declared = policyAttachment({
      domain: "TABLE",
      entity: CUSTOMERS,
      policy: POLICY,
      columns: ["TENANT_ID"],
    });
    expect(policyAttachmentKind.create(declared, { desired: [] }).map((s) => s.sql)).toEqual([
      `ALTER TABLE ${CUSTOMERS} ADD ROW ACCESS POLICY ${POLICY} ON (TENANT_ID)`,
    ]);
    const changes = [
      { property: "policy", label: "policy", declared: POLICY, live: "MERCURIOS_DATA.ADMIN.OPEN" },
    ];
    expect(policyAttachmentKind.alter(declared, changes, { desired: [] })).toEqual([
      expect.objectContaining({
        sql: `ALTER TABLE ${CUSTOMERS} DROP ROW ACCESS POLICY MERCURIOS_DATA.ADMIN.OPEN`,
        destructive: true,
      }),
      expect.objectContaining({
        sql: `ALTER TABLE ${CUSTOMERS} ADD ROW ACCESS POLICY ${POLICY} ON (TENANT_ID)`,
      }),
    ]);
    expect(policyAttachmentKind.remove(declared)).toBe(
      `ALTER TABLE ${CUSTOMERS} DROP ROW ACCESS POLICY ${POLICY}`,
    );
    expect(policyReferencesSql({ name: POLICY, database: "MERCURIOS_DATA" })).toBe(
      `SELECT * FROM TABLE(MERCURIOS_DATA.INFORMATION_SCHEMA.POLICY_REFERENCES(POLICY_NAME => '${POLICY}'))`,
    );
  });

  it("a detached attachment is missing, security", () => {
    const desired = desiredFrom(sampleInput);
    const attachment = policyAttachment({
      domain: "TABLE",
      entity: CUSTOMERS,
      policy: POLICY,
      columns: ["TENANT_ID"],
    });
    desired.objects.set(`policy_attachment:${attachment.name}`, attachment);
    const live = liveCopy(desired).filter((o) => o.kind !== "policy_attachment");
    const diff = diffModels(desired, liveOf(live));
    expect(diff.differences.map((d) => [d.kind, d.label, d.category])).toEqual([
      ["missing", `ROW ACCESS POLICY ON TABLE ${CUSTOMERS}`, "security"],
    ]);
  });
});

describe("unmanagedObjects", () => {
  it("lists undeclared roles, users and warehouses, not system roles, ignored ones or the excluded user", () => {
    const desired = desiredFrom(sampleInput, ["WAREHOUSE SCRATCH_*"]);
    const extra: ModelObject[] = [
      { kind: "role", name: "ROGUE" },
      { kind: "role", name: "SYSADMIN" },
      { kind: "user", name: "ADMIN" },
      { kind: "user", name: "MALLORY" },
      { kind: "warehouse", name: "SCRATCH_WH" },
      { kind: "warehouse", name: "SHADOW_WH" },
    ];
    const live = liveOf([...liveCopy(desired), ...extra]);
    expect(unmanagedObjects(desired, live, { users: ["ADMIN"] })).toEqual([
      { objectKind: "role", objectType: "ROLE", name: "ROGUE" },
      { objectKind: "user", objectType: "USER", name: "MALLORY" },
      { objectKind: "warehouse", objectType: "WAREHOUSE", name: "SHADOW_WH" },
    ]);
    // Nothing undeclared: nothing unmanaged.
    expect(unmanagedObjects(desired, liveOf(liveCopy(desired)))).toEqual([]);
  });
});

describe("a view's front-matter policy in a plan", () => {
  it("is attached once: by the view's own DDL when the plan creates the view, alone when only it was detached", async () => {
    const { buildPlan } = await import("../../src/plan/index.js");
    const desired = desiredFrom(sampleInput);
    const view = [...desired.objects.values()].find((o): o is ViewObject => o.kind === "view")!;
    view.rowAccessPolicy = { policy: POLICY, columns: ["TENANT_ID"] };
    const attachment = policyAttachment({
      domain: "VIEW",
      entity: view.name,
      policy: POLICY,
      columns: ["TENANT_ID"],
    });
    desired.objects.set(`policy_attachment:${attachment.name}`, attachment);
    const protectedViews = [view];
    const adds = (live: ModelObject[]) =>
      buildPlan(diffModels(desired, liveOf(live)), desired.objects.values()).steps.filter((s) =>
        /ADD ROW ACCESS POLICY/.test(s.sql),
      );
    const fresh = liveCopy(desired).filter((o) => o.kind !== "view" && o.kind !== "policy_attachment");
    expect(adds(fresh)).toHaveLength(protectedViews.length);
    const detached = liveCopy(desired).filter((o) => o.kind !== "policy_attachment");
    expect(adds(detached).map((s) => s.sql)).toEqual(
      protectedViews.map((v) =>
        expect.stringMatching(new RegExp(`^ALTER VIEW ${v.name.replace(/\./g, "\\.")} ADD`)),
      ),
    );
  });
});
