// One role per configured tenant: MERCURIOS_TENANT_<ID> reads the ANALYTICS views and, through the
// tenant isolation policy and ADMIN.TENANT_ROLE_MAPPING (R__tenant_registry.sql), sees only its own
// tenant's rows. Each rolls up to MERCURIOS_ADMIN (and so SYSADMIN): an administrator can
// `USE ROLE MERCURIOS_TENANT_<ID>` to see exactly what the tenant sees.
import { defineRole } from "mercurios";
import config from "../mercurios.config.js";
import { ANALYTICS_VIEWS, tenantRoleName } from "./lib/analytics-views.js";

export const tenantRoles = (config.tenants ?? []).map((tenant) =>
  defineRole(({ database, vars }) => ({
    name: tenantRoleName(tenant.id),
    comment: `Tenant ${tenant.name} (${tenant.id}): its own rows of the ANALYTICS views`,
    parents: ["MERCURIOS_ADMIN"],
    grants: [
      { privileges: ["USAGE"], on: "WAREHOUSE", name: String(vars.analytics_warehouse) },
      { privileges: ["USAGE"], on: "DATABASE", name: database },
      { privileges: ["USAGE"], on: "SCHEMA", name: "ANALYTICS" },
      ...ANALYTICS_VIEWS.map((view) => ({ privileges: ["SELECT"], on: "VIEW", name: `ANALYTICS.${view}` })),
    ],
    futureGrants: [{ privileges: ["SELECT"], on: "VIEWS", in: "SCHEMA", name: "ANALYTICS" }],
  })),
);
