// The ANALYTICS views (views/ANALYTICS/*.sql), for explicit SELECT grants: future grants cover views
// created later, explicit grants the ones that exist. Kept in step with the folder by a test.
export const ANALYTICS_VIEWS = [
  "BUSINESS_DASHBOARD",
  "CUSTOMER_INSIGHTS",
  "DAILY_SALES_SUMMARY",
  "INVENTORY_STATUS",
  "PRODUCT_PERFORMANCE",
  "SHOP_PERFORMANCE",
] as const;

/** The role name a tenant reads through: `modehaus-berlin` -> `MERCURIOS_TENANT_MODEHAUS_BERLIN`. */
export function tenantRoleName(tenantId: string): string {
  return `MERCURIOS_TENANT_${tenantId.toUpperCase().replace(/[^A-Z0-9_]/g, "_")}`;
}

/**
 * Tables the migrations create (migrations/RAW, STANDARD, ADMIN). They exist before the roles'
 * future grants do, so the roles also get explicit grants on them.
 */
export const TABLES = {
  RAW: ["SHOPS", "SUPPLIERS", "ARTICLES", "CUSTOMERS", "RECEIPTS", "RECEIPT_LINES", "STOCK_LEVELS"],
  STANDARD: [
    "SHOPS",
    "SUPPLIERS",
    "ARTICLES",
    "CUSTOMERS",
    "RECEIPTS",
    "RECEIPT_LINES",
    "STOCK_LEVELS",
    "CURRENCY_RATES",
    "QUANTITY_UNITS",
  ],
  ADMIN: ["TENANTS", "TENANT_ROLE_MAPPING", "MONITOR_QUOTAS", "COST_SNAPSHOTS"],
} as const;

/** `{ privileges, on: "TABLE", name: "<SCHEMA>.<TABLE>" }` for every table of the given schemas. */
export function tableGrants(schemas: readonly (keyof typeof TABLES)[], privileges: string[]) {
  return schemas.flatMap((schema) =>
    TABLES[schema].map((table) => ({ privileges, on: "TABLE", name: `${schema}.${table}` })),
  );
}
