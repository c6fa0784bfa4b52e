/**
 * The declaration writer is the loader's inverse: declarations -> model -> written files -> loaded
 * again -> the same model, for every kind that is declared (monitors with their warehouses, a
 * warehouse on its own, roles with parents, grants and future grants, users with roles and a public
 * key, row access policies, tasks, views with front matter, the config's database and schemas).
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AccountModel,
  formatValue,
  type ModelObject,
  writeModule,
  writeProject,
  writeViewFile,
} from "../../src/model/index.js";
import { loadDeclarations } from "../../src/project/declarations/index.js";
import { context, desiredFrom, type SampleInput, sampleInput } from "../diff/helpers.js";

const KEY = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwritertest";

/** Everything but where it was declared (the written files are other files). */
function comparable(model: AccountModel): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, object] of model.objects) {
    const {
      source: _source,
      sourceLine: _line,
      ...rest
    } = object as ModelObject & { source?: string; sourceLine?: number };
    out[key] = rest;
  }
  return out;
}

const input: SampleInput = {
  ...structuredClone(sampleInput),
  warehouses: [
    {
      file: "monitors/wh.ts",
      value: {
        name: "LONE_WH",
        size: "SMALL",
        autoSuspend: null,
        resourceMonitor: null,
        comment: "on its own",
      },
    },
  ],
  users: [
    {
      file: "roles/users.ts",
      value: {
        name: "LOADER",
        type: "SERVICE",
        defaultRole: "MERCURIOS_ANALYST",
        defaultNamespace: "MERCURIOS_DATA.RAW",
        roles: ["MERCURIOS_ANALYST"],
        rsaPublicKey: KEY,
        comment: "loads data",
      },
    },
    {
      file: "roles/users.ts",
      value: {
        name: "JANE",
        type: "PERSON",
        displayName: "Jane Doe",
        email: "jane@example.com",
        roles: [],
        comment: null,
      },
    },
  ],
  policies: [
    {
      file: "roles/policy.ts",
      value: {
        schema: "ADMIN",
        name: "TENANT_ONLY",
        signature: [{ name: "TENANT_ID", type: "VARCHAR" }],
        body: "tenant_id = current_role() or is_role_in_session('SYSADMIN')",
        comment: "tenant isolation",
      },
    },
  ],
  tasks: [
    {
      file: "monitors/task.ts",
      value: {
        schema: "ADMIN",
        name: "NIGHTLY",
        warehouse: "MERCURIOS_ANALYTICS_WH",
        schedule: "USING CRON 0 3 * * * UTC",
        as: "select 1",
        state: "suspended",
        comment: "nightly",
      },
    },
    {
      file: "monitors/task.ts",
      value: { schema: "ADMIN", name: "AFTER_NIGHTLY", after: ["NIGHTLY"], as: "select 2", state: "started" },
    },
  ],
};

describe("declaration writer", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "mercurios-writer-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes what loads back as the same model", async () => {
    input.views![1]!.value.frontMatter = {
      comment: "Daily",
      secure: true,
      owner: "MERCURIOS_ANALYST",
      grants: [{ role: "MERCURIOS_ANALYST", privileges: ["SELECT"] }],
    };
    const desired = desiredFrom(input);
    const written = writeProject([...desired.objects.values()], { db: "MERCURIOS_DATA" });
    // Grouped as the platform groups its own: a monitor with its warehouses (and the tasks they run),
    // roles with users, one file per policy.
    expect(written.files.map((f) => f.path)).toEqual([
      "monitors/mercurios-analytics-monitor.ts",
      "monitors/tasks.ts",
      "monitors/warehouses.ts",
      "roles/roles.ts",
      "roles/tenant-only.ts",
      "views/ANALYTICS/DAILY.sql",
      "views/ANALYTICS/SHOP.sql",
    ]);
    const monitorFile = written.files[0]!.text;
    expect(monitorFile).toContain("export const mercuriosAnalyticsMonitor = defineMonitor({");
    expect(monitorFile).toContain("export const nightly = defineTask({");
    for (const file of written.files) {
      await mkdir(path.dirname(path.join(dir, file.path)), { recursive: true });
      await writeFile(path.join(dir, file.path), file.text);
    }
    const loaded = await loadDeclarations({
      root: dir,
      context,
      processEnv: { LOADER_RSA_PUBLIC_KEY: KEY },
    });
    // The key is written as `{ env: "LOADER_RSA_PUBLIC_KEY" }` (only its presence can be read back).
    expect(written.files.find((f) => f.path === "roles/roles.ts")?.text).toContain(
      'rsaPublicKey: { env: "LOADER_RSA_PUBLIC_KEY" }',
    );
    expect(comparable(loaded.model)).toEqual(comparable(desired));
  });

  it("writes the config's database and schemas as entries that declare them again", async () => {
    const containers = {
      file: "mercurios.config.ts",
      database: { name: "MERCURIOS_DATA", dataRetentionTimeInDays: 7, comment: "analytics" },
      schemas: [{ name: "RAW", managedAccess: true, transient: true }, { name: "ADMIN" }],
    };
    const empty = path.join(dir, "empty");
    await mkdir(empty, { recursive: true });
    const first = await loadDeclarations({ root: empty, context, containers });
    const written = writeProject([...first.model.objects.values()], { db: "MERCURIOS_DATA" });
    expect(written.files).toEqual([]);
    expect(written.config).toEqual({
      database: { name: "MERCURIOS_DATA", dataRetentionTimeInDays: 7, comment: "analytics" },
      schemas: [{ name: "ADMIN" }, { name: "RAW", transient: true, managedAccess: true }],
    });
    const again = await loadDeclarations({
      root: empty,
      context,
      containers: { ...(written.config as Omit<typeof containers, "file">), file: "mercurios.config.ts" },
    });
    expect(comparable(again.model)).toEqual(comparable(first.model));
  });

  it("prints modules and view files people would write", () => {
    expect(
      writeModule([{ folder: "roles", helper: "defineRole", value: { name: "R", parents: ["SYSADMIN"] } }]),
    ).toBe(
      [
        'import { defineRole } from "mercurios";',
        "",
        "export default defineRole({",
        '  name: "R",',
        '  parents: ["SYSADMIN"],',
        "});",
        "",
      ].join("\n"),
    );
    expect(formatValue({ "odd key": null, list: [] })).toBe('{\n  "odd key": null,\n  list: [],\n}');
    expect(
      writeViewFile({ schema: "A", name: "V", frontMatter: { comment: "c" }, query: "select '{{x}}' as t" }),
    ).toBe("---\ncomment: c\n---\nselect '\\{{x}}' as t\n");
  });
});
