/** CREATE / ALTER / DROP / SHOW / DESCRIBE TASK and EXECUTE TASK. */
import { randomUUID } from "node:crypto";
import type { CatalogContext, CatalogEnv } from "./context.js";
import { alreadyExists, catalogError, insufficient, invalidValue, notFound } from "./errors.js";
import type { Cursor, PropertyValue } from "./lexer.js";
import type { Task } from "./model.js";
import { displayName, nameKey, quotePart } from "./names.js";
import { existingKind, resolveName } from "./objects.js";
import {
  can,
  dropGrantsOn,
  isOwner,
  ownerOf,
  ownerRoleType,
  renameGrantsOn,
  requireOwnership,
  seesObject,
  sessionRoles,
  setOwner,
} from "./privileges.js";
import { type CatalogResult, columns, OK, status, ts } from "./results.js";
import { applyFilters, inScope, parseShowFilters, scopeOf } from "./show/filters.js";

const SCHEDULE = /^\s*(\d+)\s*(MINUTES?|HOURS?|SECONDS?)\s*$|^\s*USING\s+CRON\s+(\S+\s+){5}\S+\s*$/i;

interface TaskClauses {
  props: Map<string, PropertyValue>;
  after: string[][] | null;
  when: string | null;
  body: string | null;
}

/** Reads `prop = value …`, `AFTER a, b`, `WHEN <cond>` and `AS <sql>` in any order. */
function readClauses(c: Cursor, ctx: CatalogContext, allowBody: boolean): TaskClauses {
  const out: TaskClauses = { props: new Map(), after: null, when: null, body: null };
  while (!c.atEnd()) {
    if (c.acceptKw("AFTER")) {
      out.after = [];
      do out.after.push(resolveName(ctx, "TASK", c.name()));
      while (c.acceptSymbol(","));
      continue;
    }
    if (c.acceptKw("WHEN")) {
      const start = c.peek();
      if (!start) c.fail("a condition");
      let depth = 0;
      let end = start.end;
      while (c.peek() && !(depth === 0 && c.isKw("AS"))) {
        const t = c.next();
        if (t.text === "(") depth++;
        if (t.text === ")") depth--;
        end = t.end;
      }
      out.when = c.sql.slice(start.start, end).trim();
      continue;
    }
    if (allowBody && c.acceptKw("AS")) {
      out.body = c.rest();
      if (!out.body) c.fail("a SQL statement");
      continue;
    }
    if (c.acceptKw("WITH", "TAG") || c.acceptKw("TAG")) {
      c.expectSymbol("(");
      while (!c.acceptSymbol(")")) c.next();
      continue;
    }
    const key = c.ident("a task property");
    c.expectSymbol("=");
    out.props.set(key, c.value());
    c.acceptSymbol(",");
  }
  return out;
}

function text(v: PropertyValue): string {
  return v.kind === "list" ? v.items.join(",") : v.text;
}

function applyProps(env: CatalogEnv, t: Task, props: Map<string, PropertyValue>): void {
  for (const [key, v] of props) {
    switch (key) {
      case "WAREHOUSE": {
        const name = text(v);
        if (!env.store.warehouses.has(name)) throw notFound("Warehouse", displayName([name]));
        t.warehouse = name;
        break;
      }
      case "USER_TASK_MANAGED_INITIAL_WAREHOUSE_SIZE":
        t.warehouse = null;
        t.parameters[key] = text(v);
        break;
      case "SCHEDULE": {
        const s = text(v);
        if (!SCHEDULE.test(s)) throw invalidValue(`Invalid value ['${s}'] for parameter 'SCHEDULE'`);
        t.schedule = s;
        break;
      }
      case "ALLOW_OVERLAPPING_EXECUTION":
        t.allowOverlappingExecution = text(v).toUpperCase() === "TRUE";
        break;
      case "COMMENT":
        t.comment = text(v);
        break;
      case "ERROR_INTEGRATION":
        t.errorIntegration = text(v);
        break;
      case "CONFIG":
        t.config = text(v);
        break;
      default:
        t.parameters[key] = text(v);
    }
  }
}

function checkPredecessors(env: CatalogEnv, t: Task): void {
  for (const p of t.predecessors) {
    if (!env.store.tasks.has(nameKey(p))) throw notFound("Task", displayName(p));
  }
  if (t.schedule && t.predecessors.length > 0)
    throw catalogError(
      "091083",
      "42601",
      `SQL compilation error:\nTask ${displayName([t.name])} cannot have both a schedule and a predecessor.`,
    );
}

export async function createTask(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
  orReplace: boolean,
): Promise<CatalogResult> {
  const ifNotExists = c.acceptKw("IF", "NOT", "EXISTS");
  const name = resolveName(ctx, "TASK", c.name());
  const [database, schema, taskName] = name as [string, string, string];
  const clauses = readClauses(c, ctx, true);
  if (clauses.body === null) c.fail("AS <sql>");
  await existingKind(env, "SCHEMA", [database, schema]);
  const roles = sessionRoles(env, ctx);
  if (
    ownerOf(env, "SCHEMA", [database, schema]) !== null &&
    !can(env, roles, "SCHEMA", [database, schema], ["CREATE TASK"])
  )
    throw insufficient("schema", displayName([schema]));
  const existing = env.store.tasks.get(nameKey(name));
  if (existing && ifNotExists)
    return status(`${displayName([taskName])} already exists, statement succeeded.`);
  if (existing && !orReplace) throw alreadyExists("Object", displayName(name));
  const t: Task = {
    database,
    schema,
    name: taskName,
    id: randomUUID(),
    warehouse: null,
    schedule: null,
    predecessors: clauses.after ?? [],
    state: "suspended",
    definition: clauses.body ?? "",
    condition: clauses.when,
    allowOverlappingExecution: false,
    errorIntegration: null,
    comment: "",
    config: null,
    parameters: {},
    createdOn: env.now(),
    lastCommittedOn: null,
    lastSuspendedOn: null,
    owner: ctx.role,
  };
  applyProps(env, t, clauses.props);
  checkPredecessors(env, t);
  await env.store.putTask(t);
  if (!existing) await setOwner(env, "TASK", name, ctx.role);
  return status(`Task ${displayName([taskName])} successfully created.`);
}

function getTask(env: CatalogEnv, ctx: CatalogContext, name: string[]): Task {
  const t = env.store.tasks.get(nameKey(name));
  if (!t || !seesObject(env, sessionRoles(env, ctx), "TASK", name)) throw notFound("Task", displayName(name));
  return t;
}

export async function alterTask(env: CatalogEnv, ctx: CatalogContext, c: Cursor): Promise<CatalogResult> {
  const ifExists = c.acceptKw("IF", "EXISTS");
  const name = resolveName(ctx, "TASK", c.name());
  if (!env.store.tasks.has(nameKey(name)) && ifExists) return status(OK);
  const t = getTask(env, ctx, name);
  const roles = sessionRoles(env, ctx);
  const now = env.now();
  if (c.acceptKw("RESUME") || c.acceptKw("SUSPEND")) {
    const resume = c.tokens[c.pos - 1]!.text.toUpperCase() === "RESUME";
    if (!isOwner(env, roles, "TASK", name) && !can(env, roles, "TASK", name, ["OPERATE"]))
      throw insufficient("task", displayName([t.name]));
    if (resume && !roles.roles.has("ACCOUNTADMIN") && !can(env, roles, "ACCOUNT", [], ["EXECUTE TASK"]))
      throw catalogError(
        "003001",
        "42501",
        "SQL access control error:\nInsufficient privileges to operate on account: EXECUTE TASK privilege is required to resume a task.",
      );
    if (resume && t.warehouse && !env.store.warehouses.has(t.warehouse))
      throw notFound("Warehouse", displayName([t.warehouse]));
    t.state = resume ? "started" : "suspended";
    if (!resume) t.lastSuspendedOn = now;
    await env.store.putTask(t);
    return status(OK);
  }
  requireOwnership(env, roles, "TASK", "Task", name);
  if (c.acceptKw("RENAME", "TO")) {
    const to = resolveName(ctx, "TASK", c.name());
    if (env.store.tasks.has(nameKey(to))) throw alreadyExists("Object", displayName(to));
    await env.store.deleteTask(name);
    await renameGrantsOn(env, "TASK", name, to);
    [t.database, t.schema, t.name] = to as [string, string, string];
    await env.store.putTask(t);
    return status(OK);
  }
  if (t.state === "started" && t.predecessors.length === 0)
    throw catalogError(
      "091092",
      "22000",
      `Unable to update graph with root task ${displayName(name)} since that root task is not suspended.`,
    );
  if (c.acceptKw("SET")) {
    applyProps(env, t, readClauses(c, ctx, false).props);
  } else if (c.acceptKw("UNSET")) {
    do {
      const key = c.ident("a task property");
      if (key === "WAREHOUSE") t.warehouse = null;
      else if (key === "SCHEDULE") t.schedule = null;
      else if (key === "COMMENT") t.comment = "";
      else if (key === "ALLOW_OVERLAPPING_EXECUTION") t.allowOverlappingExecution = false;
      else if (key === "ERROR_INTEGRATION") t.errorIntegration = null;
      else if (key === "CONFIG") t.config = null;
      else delete t.parameters[key];
    } while (c.acceptSymbol(","));
  } else if (c.acceptKw("ADD", "AFTER")) {
    do {
      const p = resolveName(ctx, "TASK", c.name());
      if (!t.predecessors.some((x) => nameKey(x) === nameKey(p))) t.predecessors.push(p);
    } while (c.acceptSymbol(","));
  } else if (c.acceptKw("REMOVE", "AFTER")) {
    do {
      const p = nameKey(resolveName(ctx, "TASK", c.name()));
      t.predecessors = t.predecessors.filter((x) => nameKey(x) !== p);
    } while (c.acceptSymbol(","));
  } else if (c.acceptKw("MODIFY", "AS")) {
    t.definition = c.rest();
  } else if (c.acceptKw("MODIFY", "WHEN")) {
    t.condition = c.rest();
  } else if (c.acceptKw("REMOVE", "WHEN")) {
    t.condition = null;
  } else c.fail("RESUME, SUSPEND, SET, UNSET, ADD AFTER, REMOVE AFTER, MODIFY AS or MODIFY WHEN");
  checkPredecessors(env, t);
  await env.store.putTask(t);
  return status(OK);
}

export async function dropTask(env: CatalogEnv, ctx: CatalogContext, c: Cursor): Promise<CatalogResult> {
  const ifExists = c.acceptKw("IF", "EXISTS");
  const name = resolveName(ctx, "TASK", c.name());
  if (!env.store.tasks.has(nameKey(name))) {
    if (ifExists)
      return status(`Drop statement executed successfully (${displayName(name.slice(-1))} already dropped).`);
    throw notFound("Task", displayName(name));
  }
  requireOwnership(env, sessionRoles(env, ctx), "TASK", "Task", name);
  await env.store.deleteTask(name);
  await dropGrantsOn(env, "TASK", name);
  for (const t of env.store.tasks.values()) {
    const before = t.predecessors.length;
    t.predecessors = t.predecessors.filter((p) => nameKey(p) !== nameKey(name));
    if (t.predecessors.length !== before) await env.store.putTask(t);
  }
  return status(`${displayName(name.slice(-1))} successfully dropped.`);
}

/** Runs the task's body now through the session, then its started child tasks. */
export async function executeTask(env: CatalogEnv, ctx: CatalogContext, c: Cursor): Promise<CatalogResult> {
  const name = resolveName(ctx, "TASK", c.name());
  const t = getTask(env, ctx, name);
  const roles = sessionRoles(env, ctx);
  if (!isOwner(env, roles, "TASK", name) && !can(env, roles, "TASK", name, ["OPERATE"]))
    throw insufficient("task", displayName([t.name]));
  if (!roles.roles.has("ACCOUNTADMIN") && !can(env, roles, "ACCOUNT", [], ["EXECUTE TASK"]))
    throw insufficient("account", env.account);
  if (!ctx.execute)
    throw catalogError("002040", "0A000", "SQL compilation error:\nEXECUTE TASK needs a session to run in.");
  await runGraph(env, ctx, t, new Set());
  return status(`Task ${displayName([t.name])} is scheduled to run immediately.`);
}

async function runGraph(env: CatalogEnv, ctx: CatalogContext, t: Task, seen: Set<string>): Promise<void> {
  const key = nameKey([t.database, t.schema, t.name]);
  if (seen.has(key)) return;
  seen.add(key);
  await ctx.execute!(t.definition);
  t.lastCommittedOn = env.now();
  await env.store.putTask(t);
  for (const child of env.store.tasks.values())
    if (child.state === "started" && child.predecessors.some((p) => nameKey(p) === key))
      await runGraph(env, ctx, child, seen);
}

export const SHOW_TASKS_COLUMNS = [
  "created_on:d",
  "name:t",
  "id:t",
  "database_name:t",
  "schema_name:t",
  "owner:t",
  "comment:t",
  "warehouse:t",
  "schedule:t",
  "scheduling_mode:t",
  "target_completion_interval:t",
  "predecessors:t",
  "state:t",
  "definition:t",
  "condition:t",
  "allow_overlapping_execution:t",
  "error_integration:t",
  "success_integration:t",
  "last_committed_on:d",
  "last_suspended_on:d",
  "owner_role_type:t",
  "config:t",
  "last_suspended_reason:t",
  "task_relations:t",
  "execute_as_user:t",
] as const;

function quotedFull(parts: string[]): string {
  return parts.map((p) => `"${p.replace(/"/g, '""')}"`).join(".");
}

function taskRow(env: CatalogEnv, t: Task) {
  const name = [t.database, t.schema, t.name];
  const predecessors = t.predecessors.map(quotedFull);
  return [
    ts(t.createdOn),
    t.name,
    t.id,
    t.database,
    t.schema,
    ownerOf(env, "TASK", name) ?? "",
    t.comment,
    t.warehouse,
    t.schedule,
    // Serverless scheduling (FIXED / FLEXIBLE) and its target interval are not modelled.
    null,
    null,
    JSON.stringify(predecessors),
    t.state,
    t.definition,
    t.condition,
    String(t.allowOverlappingExecution),
    t.errorIntegration ?? "null",
    null,
    ts(t.lastCommittedOn),
    ts(t.lastSuspendedOn),
    ownerRoleType(env, "TASK", name),
    t.config,
    null,
    JSON.stringify({ Predecessors: predecessors }),
    null,
  ];
}

export function showTasks(env: CatalogEnv, ctx: CatalogContext, c: Cursor, terse: boolean): CatalogResult {
  const f = parseShowFilters(c, ctx);
  const roles = sessionRoles(env, ctx);
  const scope = scopeOf(f, ctx);
  const list = [...env.store.tasks.values()]
    .filter((t) => inScope(t, scope))
    .filter((t) => seesObject(env, roles, "TASK", [t.database, t.schema, t.name]))
    .sort((a, b) => {
      const ka = `${a.database}\u0000${a.schema}\u0000${a.name}`;
      const kb = `${b.database}\u0000${b.schema}\u0000${b.name}`;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
  const picked = applyFilters(list, f, (t) => t.name);
  if (terse)
    return {
      kind: "SHOW",
      columns: columns([
        "created_on:d",
        "name:t",
        "kind:t",
        "database_name:t",
        "schema_name:t",
        "schedule:t",
      ]),
      // SHOW TERSE TASKS: kind is NULL for every task (SHOW TASKS reference).
      rows: picked.map((t) => [ts(t.createdOn), t.name, null, t.database, t.schema, t.schedule]),
    };
  return { kind: "SHOW", columns: columns(SHOW_TASKS_COLUMNS), rows: picked.map((t) => taskRow(env, t)) };
}

export function describeTask(env: CatalogEnv, ctx: CatalogContext, c: Cursor): CatalogResult {
  const t = getTask(env, ctx, resolveName(ctx, "TASK", c.name()));
  return { kind: "DESCRIBE", columns: columns(SHOW_TASKS_COLUMNS), rows: [taskRow(env, t)] };
}

/** `create or replace task …` for GET_DDL. */
export function taskDdl(t: Task, qualified: boolean): string {
  const name = qualified ? [t.database, t.schema, t.name].map(quotePart).join(".") : quotePart(t.name);
  const lines = [`create or replace task ${name}`];
  if (t.warehouse) lines.push(`\twarehouse=${quotePart(t.warehouse)}`);
  if (t.schedule) lines.push(`\tschedule='${t.schedule}'`);
  if (t.comment) lines.push(`\tCOMMENT='${t.comment.replace(/'/g, "\\'")}'`);
  if (t.predecessors.length > 0)
    lines.push(`\tafter ${t.predecessors.map((p) => p.map(quotePart).join(".")).join(", ")}`);
  if (t.condition) lines.push(`\twhen ${t.condition}`);
  lines.push(`\tas ${t.definition};`);
  return lines.join("\n");
}
