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
