/**
 * Reading a view as one of your own roles whose chain of parents does not reach SYSADMIN (so the
 * local engine's user, who holds ACCOUNTADMIN, is not granted it): `views test` runs the case as that
 * role all the same (its engine is a throwaway), and `views preview --as-role` says why it cannot
 * and what to declare. On a copy of the views-loop fixture with a role SHOP_AUDITOR and no parents.
 */
import { appendFile, cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixturesDir, runCli } from "../cli/run.js";

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "mercurios-own-roles-"));
  await cp(path.join(fixturesDir, "views-loop"), root, { recursive: true });
  await appendFile(
    path.join(root, "roles", "access.ts"),
    `
export const auditor = defineRole(({ database }) => ({
  name: "SHOP_AUDITOR",
  comment: "Granted to nobody above it: not in SYSADMIN's chain",
  grants: [
    { privileges: ["USAGE"], on: "DATABASE", name: database },
    { privileges: ["USAGE"], on: "SCHEMA", name: "ANALYTICS" },
    { privileges: ["SELECT"], on: "VIEW", name: "ANALYTICS.DAILY_SALES" },
  ],
}));
`,
  );
  await writeFile(
    path.join(root, "views", "ANALYTICS", "DAILY_SALES.test.yaml"),
    `tests:
  - name: the auditor sees the tenant it is mapped to
    given:
      RAW.SALES:
        - { TENANT_ID: acme, SHOP_ID: A1, SALE_DATE: 2026-10-01, AMOUNT_EUR: 10.5, UNITS: 1 }
        - { TENANT_ID: globex, SHOP_ID: G1, SALE_DATE: 2026-10-01, AMOUNT_EUR: 7, UNITS: 7 }
      ADMIN.TENANT_ROLE_MAPPING:
        - { ROLE_NAME: SHOP_AUDITOR, TENANT_ID: globex }
    as_role: SHOP_AUDITOR
    expect:
      rows:
        - { TENANT_ID: globex, SHOP_ID: G1, REVENUE_EUR: 7 }
`,
  );
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe("a declared role outside SYSADMIN's chain", () => {
  it("views test runs the case as that role (the row access policy applies)", async () => {
    const run = await runCli(["views", "test", "DAILY_SALES"], { cwd: root });
    expect(run.stdout).toContain("✓ ANALYTICS.DAILY_SALES: the auditor sees the tenant it is mapped to");
    expect(run.code).toBe(0);
  });

  it("views preview --as-role explains the chain and what to declare", async () => {
    const up = await runCli(["up"], { cwd: root });
    expect(up.code).toBe(0);
    const preview = await runCli(["views", "preview", "DAILY_SALES", "--as-role", "shop_auditor"], { cwd: root });
    expect(preview.code).toBe(1);
    expect(preview.stderr).toContain("error[PREVIEW_ROLE]");
    expect(preview.stderr).toContain(
      "role SHOP_AUDITOR is not granted to the local engine's user ADMIN, directly or through the roles it is granted to.",
    );
    expect(preview.stderr).toContain(`parents: ["SYSADMIN"]`);
  });
});
