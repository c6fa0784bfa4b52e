import type { z } from "zod";
import type {
  AccountModel,
  DeclarationBrand,
  ModelObject,
  monitorSchema,
  roleSchema,
  rowAccessPolicySchema,
  taskSchema,
  userSchema,
  warehouseSchema,
} from "../../src/model/index.js";
import {
  buildDesiredModel,
  type LocatedValue,
  type ViewSource,
} from "../../src/project/declarations/index.js";

export const context = {
  env: "local",
  database: "MERCURIOS_DATA",
  schemas: ["RAW", "STANDARD", "ANALYTICS", "ADMIN"],
  vars: {},
};

/** In-memory declarations (already zod-shaped), by helper. */
export interface SampleInput {
  warehouses?: LocatedValue<z.output<typeof warehouseSchema>>[];
  monitors?: LocatedValue<z.output<typeof monitorSchema>>[];
  roles?: LocatedValue<z.output<typeof roleSchema>>[];
  users?: LocatedValue<z.output<typeof userSchema>>[];
  policies?: LocatedValue<z.output<typeof rowAccessPolicySchema>>[];
  tasks?: LocatedValue<z.output<typeof taskSchema>>[];
  views?: LocatedValue<ViewSource>[];
}

const BRANDS: Record<Exclude<keyof SampleInput, "views">, DeclarationBrand> = {
  warehouses: "warehouse",
  monitors: "monitor",
  roles: "role",
  users: "user",
  policies: "row_access_policy",
  tasks: "task",
};

/** A desired model built from in-memory declarations (already zod-shaped). */
export function desiredFrom(input: SampleInput, ignore: string[] = []): AccountModel {
  const declarations = Object.entries(BRANDS).flatMap(([field, brand]) =>
    (input[field as keyof typeof BRANDS] ?? []).map(({ file, value }) => ({ file, brand, value })),
  );
  const result = buildDesiredModel({ declarations, views: input.views ?? [] }, context, {}, ignore);
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

export const sampleInput: SampleInput = {
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
