/**
 * A catalog that allows everything: no roles, no privileges, no row access policies, no history.
 * It exists so that a benchmark can measure the bare pipeline; nothing that guards data may use it.
 * Because every security hook of `CatalogHooks` is required, leaving the catalog out is not
 * possible by accident: it takes this object, by name.
 */
import type { CatalogHooks } from "./hooks.js";
import { statusResult } from "./result.js";
import { normaliseWritten } from "./session.js";

export const allowAllCatalog: CatalogHooks = {
  async tryExecute(_ctx, sql) {
    // USE ROLE / USE WAREHOUSE still move the session, as a client expects.
    const m = /^USE\s+(ROLE|WAREHOUSE)\s+(.+)$/is.exec(sql);
    if (!m) return null;
    const name = normaliseWritten((m[2] as string).trim());
    const session = (m[1] as string).toUpperCase() === "ROLE" ? { role: name } : { warehouse: name };
    const { kind, columns, rows } = statusResult("Statement executed successfully.", "USE");
    return { kind, columns, rows, session };
  },
  async authorise() {},
  async onObjectCreated() {},
  async onObjectDropped() {},
  async onObjectReplaced() {},
  async onObjectRenamed() {},
  async rowAccessFilter() {
    return null;
  },
  async columnMasks() {
    return null;
  },
  async protectedRead() {
    return null;
  },
  async rewriteQuery(_ctx, sql) {
    return sql;
  },
  async startSession(_user, requested) {
    return { role: requested.role ?? "ACCOUNTADMIN", warehouse: requested.warehouse ?? null };
  },
  async recordQuery() {},
};
