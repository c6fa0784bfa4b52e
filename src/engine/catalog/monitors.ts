/** CREATE / ALTER / DROP / SHOW RESOURCE MONITOR(S) and ALTER ACCOUNT SET RESOURCE_MONITOR. */
import { isAccountParameter } from "./parameters.js";
import type { CatalogContext, CatalogEnv } from "./context.js";
import { alreadyExists, catalogError, insufficient, invalidValue, notFound } from "./errors.js";
import type { Cursor, PropertyValue } from "./lexer.js";
import { checkMonitors, resetMonitor, usedCredits } from "./metering.js";
import type { ResourceMonitor, Trigger, TriggerAction } from "./model.js";
import { displayName } from "./names.js";
import { dropGrantsOn, isAccountAdmin, ownerOf, sessionRoles, setOwner } from "./privileges.js";
import { type CatalogResult, columns, OK, status, ts } from "./results.js";
import { applyFilters, byName, parseShowFilters } from "./show/filters.js";

const FREQUENCIES = ["MONTHLY", "DAILY", "WEEKLY", "YEARLY", "NEVER"] as const;

interface MonitorClauses {
  props: Map<string, PropertyValue>;
  triggers: Trigger[] | null;
}

function readClauses(c: Cursor): MonitorClauses {
  const props = new Map<string, PropertyValue>();
  let triggers: Trigger[] | null = null;
  c.acceptKw("WITH");
  c.acceptKw("SET");
  while (!c.atEnd()) {
    if (c.acceptKw("TRIGGERS")) {
      triggers = [];
      while (c.acceptKw("ON")) {
        const percent = c.number("a percentage");
        c.expectKw("PERCENT");
        c.expectKw("DO");
        const action = c.ident("SUSPEND, SUSPEND_IMMEDIATE or NOTIFY");
        if (action !== "SUSPEND" && action !== "SUSPEND_IMMEDIATE" && action !== "NOTIFY")
          c.fail("SUSPEND, SUSPEND_IMMEDIATE or NOTIFY", c.tokens[c.pos - 1]);
        triggers.push({ percent, action: action as TriggerAction });
      }
      continue;
    }
    if (c.acceptKw("SET")) continue;
    const key = c.ident("a resource monitor property");
    if (
      !["CREDIT_QUOTA", "FREQUENCY", "START_TIMESTAMP", "END_TIMESTAMP", "NOTIFY_USERS", "COMMENT"].includes(
        key,
      )
    )
      c.fail("a resource monitor property", c.tokens[c.pos - 1]);
    c.expectSymbol("=");
    props.set(key, c.value());
    c.acceptSymbol(",");
  }
  return { props, triggers };
}

function validateTriggers(triggers: Trigger[]): void {
  const count = (a: TriggerAction) => triggers.filter((t) => t.action === a).length;
  if (count("SUSPEND") > 1)
    throw catalogError("090214", "22023", "A resource monitor can have at most one suspend trigger.");
  if (count("SUSPEND_IMMEDIATE") > 1)
    throw catalogError(
      "090215",
      "22023",
      "A resource monitor can have at most one suspend_immediate trigger.",
    );
  for (const t of triggers)
    if (!Number.isInteger(t.percent) || t.percent <= 0)
      throw invalidValue(`invalid value '${t.percent}' for trigger threshold`);
}

function isNull(v: PropertyValue): boolean {
  return v.kind === "word" && v.text === "NULL";
}

function parseTimestamp(key: string, v: PropertyValue, now: number): number {
  if (v.kind === "word" && v.text === "IMMEDIATELY") return now;
  const text = v.kind === "list" ? "" : v.text;
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(" ", "T")}Z`);
  if (Number.isNaN(ms)) throw invalidValue(`invalid value '${text}' for property '${key}'`);
  return ms;
}

function apply(m: ResourceMonitor, clauses: MonitorClauses, now: number, creating: boolean): void {
  const { props } = clauses;
  if (creating && props.has("FREQUENCY") !== props.has("START_TIMESTAMP"))
    throw invalidValue("FREQUENCY and START_TIMESTAMP must be specified together.");
  for (const [key, v] of props) {
    switch (key) {
      case "CREDIT_QUOTA": {
        if (isNull(v)) m.creditQuota = null;
        else {
          const n = Number(v.kind === "list" ? Number.NaN : v.text);
          if (v.kind !== "number" || !Number.isFinite(n) || n <= 0)
            throw invalidValue(
              `invalid value '${v.kind === "list" ? "" : v.text}' for property 'CREDIT_QUOTA'`,
            );
          m.creditQuota = n;
        }
        break;
      }
      case "FREQUENCY": {
        const f = v.kind === "list" ? "" : v.text.toUpperCase();
        if (!(FREQUENCIES as readonly string[]).includes(f))
          throw invalidValue(`invalid value '${f}' for property 'FREQUENCY'`);
        m.frequency = f as ResourceMonitor["frequency"];
        break;
      }
      case "START_TIMESTAMP":
        m.startTime = parseTimestamp(key, v, now);
        m.firedTriggers = [];
        break;
      case "END_TIMESTAMP":
        m.endTime = isNull(v) ? null : parseTimestamp(key, v, now);
        break;
      case "NOTIFY_USERS":
        m.notifyUsers = v.kind === "list" ? v.items : isNull(v) ? [] : [v.text];
        break;
      case "COMMENT":
        m.comment = isNull(v) ? null : v.kind === "list" ? "" : v.text;
        break;
    }
  }
  if (clauses.triggers) {
    validateTriggers(clauses.triggers);
    m.triggers = clauses.triggers;
    m.firedTriggers = [];
  }
}

function requireAdmin(env: CatalogEnv, ctx: CatalogContext): void {
  if (!isAccountAdmin(sessionRoles(env, ctx))) throw insufficient("account", env.account);
}

export async function createMonitor(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
  orReplace: boolean,
): Promise<CatalogResult> {
  requireAdmin(env, ctx);
  const ifNotExists = c.acceptKw("IF", "NOT", "EXISTS");
  if (orReplace && ifNotExists)
    throw catalogError(
      "002029",
      "42601",
      "SQL compilation error:\nOR REPLACE and IF NOT EXISTS are incompatible.",
    );
  const name = c.ident("resource monitor name");
  const clauses = readClauses(c);
  const existing = env.store.monitors.get(name);
  if (existing && ifNotExists) return status(`${displayName([name])} already exists, statement succeeded.`);
  if (existing && !orReplace) throw alreadyExists("Object", displayName([name]));
  const now = env.now();
  const m: ResourceMonitor = {
    name,
    creditQuota: null,
    frequency: "MONTHLY",
    startTime: now,
    endTime: null,
    notifyUsers: [],
    triggers: [],
    accountLevel: false,
    comment: null,
    createdOn: now,
    owner: ctx.role,
    firedTriggers: [],
  };
  apply(m, clauses, now, true);
  await env.store.putMonitor(m);
  if (!existing) await setOwner(env, "RESOURCE_MONITOR", [name], "ACCOUNTADMIN", ctx.role);
  return status(`Resource monitor ${displayName([name])} successfully created.`);
}

export async function alterMonitor(env: CatalogEnv, ctx: CatalogContext, c: Cursor): Promise<CatalogResult> {
  requireAdmin(env, ctx);
  const ifExists = c.acceptKw("IF", "EXISTS");
  const name = c.ident("resource monitor name");
  const m = env.store.monitors.get(name);
  if (!m) {
    if (ifExists) return status(OK);
    throw notFound("Resource monitor", displayName([name]));
  }
  if (c.acceptKw("RENAME", "TO")) {
    const to = c.ident();
    if (env.store.monitors.has(to)) throw alreadyExists("Object", displayName([to]));
    await env.store.deleteMonitor(name);
    m.name = to;
    await env.store.putMonitor(m);
    for (const w of env.store.warehouses.values())
      if (w.resourceMonitor === name) {
        w.resourceMonitor = to;
        await env.store.putWarehouse(w);
      }
    return status(OK);
  }
  const clauses = readClauses(c);
  if (clauses.props.size === 0 && !clauses.triggers) c.fail("SET or TRIGGERS");
  apply(m, clauses, env.now(), false);
  // A new quota or new triggers are judged afresh: suspensions lift until a trigger fires again.
  if (clauses.triggers || clauses.props.has("CREDIT_QUOTA")) await resetMonitor(env, m);
  await env.store.putMonitor(m);
  await checkMonitors(env);
  return status(OK);
}

export async function dropMonitor(env: CatalogEnv, ctx: CatalogContext, c: Cursor): Promise<CatalogResult> {
  requireAdmin(env, ctx);
  const ifExists = c.acceptKw("IF", "EXISTS");
  const name = c.ident("resource monitor name");
  if (!env.store.monitors.has(name)) {
    if (ifExists)
      return status(`Drop statement executed successfully (${displayName([name])} already dropped).`);
    throw notFound("Resource monitor", displayName([name]));
  }
  await env.store.deleteMonitor(name);
  await dropGrantsOn(env, "RESOURCE_MONITOR", [name]);
  for (const w of env.store.warehouses.values())
    if (w.resourceMonitor === name) {
      w.resourceMonitor = null;
      await env.store.putWarehouse(w);
    }
  if (env.store.account.resourceMonitor === name)
    await env.store.putAccount({ ...env.store.account, resourceMonitor: null });
  return status(`${displayName([name])} successfully dropped.`);
}

/** ALTER ACCOUNT SET RESOURCE_MONITOR = m | UNSET RESOURCE_MONITOR (other settings are accepted and ignored). */
export async function alterAccount(env: CatalogEnv, ctx: CatalogContext, c: Cursor): Promise<CatalogResult> {
  requireAdmin(env, ctx);
  if (c.acceptKw("SET")) {
    while (!c.atEnd()) {
      const key = c.ident("an account parameter");
      c.expectSymbol("=");
      const v = c.value();
      if (isAccountParameter(key)) {
        const value = v.kind === "list" ? "" : v.text;
        const parameters = { ...env.store.account.parameters, [key]: value };
        await env.store.putAccount({ ...env.store.account, parameters });
      } else if (key === "RESOURCE_MONITOR") {
        const name = v.kind === "list" ? "" : v.text;
        if (isNull(v)) await env.store.putAccount({ ...env.store.account, resourceMonitor: null });
        else {
          if (!env.store.monitors.has(name)) throw notFound("Resource monitor", name);
          await env.store.putAccount({ ...env.store.account, resourceMonitor: name });
        }
      }
      c.acceptSymbol(",");
    }
  } else if (c.acceptKw("UNSET")) {
    do {
      const key = c.ident();
      if (isAccountParameter(key)) {
        const { [key]: _dropped, ...parameters } = env.store.account.parameters ?? {};
        await env.store.putAccount({ ...env.store.account, parameters });
      }
      if (key === "RESOURCE_MONITOR")
        await env.store.putAccount({ ...env.store.account, resourceMonitor: null });
    } while (c.acceptSymbol(","));
  } else c.fail("SET or UNSET");
  return status(OK);
}

export const SHOW_MONITORS_COLUMNS = [
  "name:t",
  "credit_quota:t",
  "used_credits:t",
  "remaining_credits:t",
  "level:t",
  "frequency:t",
  "start_time:t",
  "end_time:t",
  "notify_at:t",
  "suspend_at:t",
  "suspend_immediately_at:t",
  "created_on:d",
  "owner:t",
  "comment:t",
  "notify_users:t",
] as const;

/** `2026-11-27 10:00:00.000 +0000`, Snowflake's timestamp text in SHOW RESOURCE MONITORS. */
export function timestampText(ms: number): string {
  return `${new Date(ms).toISOString().replace("T", " ").replace("Z", "")} +0000`;
}

function pct(triggers: Trigger[], action: TriggerAction): string | null {
  const list = triggers.filter((t) => t.action === action).map((t) => `${t.percent}%`);
  return list.length === 0 ? null : list.join(",");
}

export function showMonitors(env: CatalogEnv, ctx: CatalogContext, c: Cursor): CatalogResult {
  const f = parseShowFilters(c, ctx);
  const roles = sessionRoles(env, ctx);
  const list = [...env.store.monitors.values()]
    .filter(
      (m) =>
        isAccountAdmin(roles) ||
        (ownerOf(env, "RESOURCE_MONITOR", [m.name]) !== null &&
          roles.roles.has(ownerOf(env, "RESOURCE_MONITOR", [m.name])!)),
    )
    .sort(byName((m) => m.name));
  const rows = applyFilters(list, f, (m) => m.name).map((m) => {
    const used = usedCredits(env, m);
    const level =
      env.store.account.resourceMonitor === m.name
        ? "ACCOUNT"
        : [...env.store.warehouses.values()].some((w) => w.resourceMonitor === m.name)
          ? "WAREHOUSE"
          : null;
    return [
      m.name,
      m.creditQuota === null ? null : m.creditQuota.toFixed(2),
      used.toFixed(2),
      m.creditQuota === null ? null : Math.max(0, m.creditQuota - used).toFixed(2),
      level,
      m.frequency,
      timestampText(m.startTime),
      m.endTime === null ? null : timestampText(m.endTime),
      pct(m.triggers, "NOTIFY"),
      pct(m.triggers, "SUSPEND"),
      pct(m.triggers, "SUSPEND_IMMEDIATE"),
      ts(m.createdOn),
      ownerOf(env, "RESOURCE_MONITOR", [m.name]) ?? "ACCOUNTADMIN",
      m.comment,
      m.notifyUsers.join(", "),
    ];
  });
  return { kind: "SHOW", columns: columns(SHOW_MONITORS_COLUMNS), rows };
}
