import type { AccountModel, ModelObject } from "../../src/model/index.js";
import { buildDesiredModel, type BuildInput } from "../../src/project/declarations/index.js";

export const context = {
  env: "local",
  database: "MERCURIOS_DATA",
  schemas: ["RAW", "STANDARD", "ANALYTICS", "ADMIN"],
  vars: {},
};

/** A desired model built from in-memory declarations (already zod-shaped). */
export function desiredFrom(input: Partial<BuildInput>, ignore: string[] = []): AccountModel {
  const full: BuildInput = {
    warehouses: [],
    monitors: [],
    roles: [],
    users: [],
    policies: [],
    tasks: [],
    views: [],
    ...input,
  };
  const result = buildDesiredModel(full, context, {}, ignore);
  if (result.problems.length > 0) throw new Error(result.problems.map((p) => p.describe()).join("\n"));
  return result.model;
}

/** A live model holding exactly these objects. */
export function liveOf(objects: ModelObject[]): AccountModel {
  return {
    objects: new Map(objects.map((o) => [`${o.kind}:${o.name}`, o])),
    scope: { databases: [], roles: [], warehouses: [], monitors: [], users: [], ignore: [] },
  };
}

/** A deep copy of every desired object: what a perfect apply would leave live. */
export function liveCopy(model: AccountModel): ModelObject[] {
  return [...model.objects.values()].map((o) => structuredClone(o));
}

export const sampleInput: Partial<BuildInput> = {
  monitors: [
    {
      file: "monitors/analytics.ts",
      value: {
        name: "MERCURIOS_ANALYTICS_MONITOR",
        creditQuota: 10,
        frequency: "MONTHLY",
        startTimestamp: "IMMEDIATELY",
        triggers: [
          { percent: 80, action: "NOTIFY" },
          { percent: 100, action: "SUSPEND" },
        ],
        warehouses: [{ name: "MERCURIOS_ANALYTICS_WH", size: "XSMALL", autoSuspend: 60, autoResume: true }],
      },
    },
  ],
  roles: [
    {
      file: "roles/analyst.ts",
      value: {
        name: "MERCURIOS_ANALYST",
        comment: "Read-only",
        parents: ["SYSADMIN"],
        grants: [
          { privileges: ["USAGE"], on: "WAREHOUSE", name: "MERCURIOS_ANALYTICS_WH" },
          { privileges: ["USAGE"], on: "SCHEMA", name: "ANALYTICS" },
        ],
        futureGrants: [{ privileges: ["SELECT"], on: "VIEWS", in: "SCHEMA", name: "ANALYTICS" }],
      },
    },
  ],
  views: [
    {
      file: "views/ANALYTICS/SHOP.sql",
      value: {
        schema: "ANALYTICS",
        name: "SHOP",
        sql: "select tenant_id, count(*) as n from analytics.daily group by 1",
        frontMatter: {},
        bodyLine: 1,
      },
    },
    {
      file: "views/ANALYTICS/DAILY.sql",
      value: {
        schema: "ANALYTICS",
        name: "DAILY",
        sql: "select tenant_id, sale_date from standard.sales",
        frontMatter: { comment: "Daily", grants: [{ role: "MERCURIOS_ANALYST", privileges: ["SELECT"] }] },
        bodyLine: 1,
      },
    },
  ],
};
