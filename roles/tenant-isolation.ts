// Tenant isolation: rows of STANDARD (and so of every ANALYTICS view) are visible to the roles that
// ADMIN.TENANT_ROLE_MAPPING maps to their TENANT_ID. Created by migration ADMIN/V1.3.0 (so V1.4.0 can
// attach it to the STANDARD tables); declared here with the same body so plan and drift know it, and
// with the tables it protects: a table detached from it is security drift, and apply re-attaches it.
import { defineRowAccessPolicy } from "mercurios";
import { partialSql } from "../monitors/lib/sql-file.js";

/** Every tenant table of STANDARD (migration ADMIN/V1.4.0 attaches the policy to each). */
const TENANT_TABLES = [
  "SHOPS",
  "SUPPLIERS",
  "ARTICLES",
  "CUSTOMERS",
  "RECEIPTS",
  "RECEIPT_LINES",
  "STOCK_LEVELS",
] as const;

export default defineRowAccessPolicy(({ env, database }) => ({
  schema: "ADMIN",
  name: "TENANT_ISOLATION",
  signature: [{ name: "ROW_TENANT_ID", type: "VARCHAR" }],
  body: partialSql("tenant_isolation_body", { env, database }),
  comment: "Mercurios tenant isolation: rows visible per ADMIN.TENANT_ROLE_MAPPING",
  attachedTo: TENANT_TABLES.map((table) => ({ table: `STANDARD.${table}`, on: ["TENANT_ID"] })),
}));
