/** TASK: declared in monitors/ with `defineTask`, beside the warehouse that runs it. */
import { z } from "zod";
import { quoteString, resolveIdentifier, resolveQualifiedName, splitQualifiedName } from "../identifiers.js";
import {
  isNullMarker,
  normaliseComment,
  normaliseOptionalName,
  normaliseTaskState,
  parsePredecessors,
} from "../normalise.js";
import { canonicalSql } from "../sql.js";
import {
  commentSchema,
  declaredName,
  declaredOptionalName,
  defined,
  displayList,
  ident,
  identifierSchema,
  mapRows,
  optionalIdent,
  ownerOf,
  qualifiedSchema,
  qualifyIn,
  step,
  text,
  when,
} from "./shared.js";
import type { KindDefinition, RenderedStatement, ShowRow } from "./types.js";

export interface TaskObject {
  kind: "task";
  name: string;
  database: string;
  schema: string;
  warehouse?: string | null;
  schedule?: string | null;
  /** Qualified predecessor task names. */
  after?: string[];
  /** The `WHEN` condition, canonical (compared). */
  condition?: string | null;
  /** The condition as written or reported, for DDL, reports and writing it back. */
  conditionText?: string;
  /** The SQL the task runs (`AS ...`). */
  definition?: string;
  definitionCanonical?: string;
  /** `started` or `suspended`. */
  state?: "started" | "suspended";
  comment?: string | null;
  /** Owning role (DATABASE_ROLE owners qualified with their database). Compared only when declared. */
  owner?: string;
}

export const taskSchema = z
  .strictObject({
    database: identifierSchema.optional(),
    schema: identifierSchema,
    name: identifierSchema,
    warehouse: identifierSchema.nullable().optional(),
    /** `'60 MINUTE'` or `'USING CRON 0 6 * * * UTC'`. */
    schedule: z.string().nullable().optional(),
    /** Predecessor tasks (qualified or in the same schema). */
    after: z.array(qualifiedSchema).optional(),
    when: z.string().nullable().optional(),
    /** The SQL the task runs. */
    as: z.string().min(1),
    /** Declared state; a new task is created suspended and resumed when this is `started`. */
    state: z.enum(["started", "suspended"]).default("started"),
    comment: commentSchema,
    owner: identifierSchema.optional(),
  })
  .superRefine((task, ctx) => {
    if (task.schedule && task.after && task.after.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["after"],
        message: "a task has either a schedule or predecessors, not both",
      });
    }
  });
export type TaskDeclaration = z.input<typeof taskSchema>;

/** SHOW TASKS. */
export function taskFromRow(row: ShowRow): TaskObject {
  const database = ident(text(row, "database_name"));
  const schema = ident(text(row, "schema_name"));
  const definition = text(row, "definition");
  const condition = text(row, "condition");
  return defined({
    kind: "task" as const,
    name: `${database}.${schema}.${ident(text(row, "name"))}`,
    database,
    schema,
    warehouse: "warehouse" in row ? optionalIdent(text(row, "warehouse")) : undefined,
    schedule: "schedule" in row ? normaliseOptionalName(text(row, "schedule")) : undefined,
    after:
      "predecessors" in row
        ? parsePredecessors(text(row, "predecessors")).map(resolveQualifiedName).sort()
        : undefined,
    condition: "condition" in row ? (isNullMarker(condition) ? null : canonicalSql(condition!)) : undefined,
    conditionText: isNullMarker(condition) ? undefined : condition!.trim(),
    definition: definition ?? undefined,
    definitionCanonical: definition ? canonicalSql(definition) : undefined,
    state: normaliseTaskState(text(row, "state")),
    comment: "comment" in row ? normaliseComment(text(row, "comment")) : undefined,
    owner: ownerOf(row, database),
  });
}

function createTask(t: TaskObject, replace: boolean): RenderedStatement[] {
  const parts = [`CREATE ${replace ? "OR REPLACE " : ""}TASK ${t.name}`];
  if (t.warehouse) parts.push(`WAREHOUSE = ${t.warehouse}`);
  if (t.schedule) parts.push(`SCHEDULE = ${quoteString(t.schedule)}`);
  if (t.comment) parts.push(`COMMENT = ${quoteString(t.comment)}`);
  if (t.after && t.after.length > 0) parts.push(`AFTER ${t.after.join(", ")}`);
  if (t.condition) parts.push(`WHEN ${t.conditionText ?? t.condition}`);
  parts.push(`AS\n${t.definition ?? ""}`);
  const statements = [step(parts.join(" "), replace ? "replace" : "create")];
  if (t.state === "started") statements.push(step(`ALTER TASK ${t.name} RESUME`, "resume"));
  return statements;
}

export const taskKind: KindDefinition<"task"> = {
  kind: "task",
  label: "TASK",
  category: "schema",
  order: { report: 27, create: 95, remove: 30 },
  comparedByDefault: true,
  properties: {
    warehouse: { label: "warehouse" },
    schedule: { label: "schedule" },
    after: { label: "after", display: displayList },
    condition: { label: "when", sourceText: (task) => task.conditionText ?? task.condition ?? undefined },
    definitionCanonical: { label: "definition", sourceText: (task) => task.definition },
    state: { label: "state" },
    comment: { label: "comment" },
    owner: { label: "owner", category: "security" },
  },
  async read(reader, { scope }) {
    const perDatabase = await Promise.all(
      scope.databases.map(async (database) =>
        mapRows(await reader.show(`SHOW TASKS IN DATABASE ${database}`), taskFromRow),
      ),
    );
    return perDatabase.flat();
  },
  isManaged: (object, scope) =>
    scope.databases.includes(object.database) && !object.database.startsWith("SNOWFLAKE"),
  dependsOn: (task) => task.after ?? [],
  ownershipType: "TASK",
  create: (task) => createTask(task, false),
  alter(task, changes) {
    if (changes.length === 1 && changes[0]!.property === "state") {
      return [
        step(`ALTER TASK ${task.name} ${task.state === "started" ? "RESUME" : "SUSPEND"}`, "alter state"),
      ];
    }
    return createTask(task, true);
  },
  remove: (task) => `DROP TASK ${task.name}`,
  removal: "drop",
  declaration: {
    brand: "task",
    schema: taskSchema,
    build(value: z.output<typeof taskSchema>, context) {
      const database = value.database ? declaredName(value.database) : context.db;
      const schema = declaredName(value.schema);
      context.add({
        kind: "task",
        name: `${database}.${schema}.${declaredName(value.name)}`,
        database,
        schema,
        ...when(
          "warehouse",
          value.warehouse === undefined ? undefined : declaredOptionalName(value.warehouse),
        ),
        ...when("schedule", value.schedule),
        after: (value.after ?? [])
          .map((a) =>
            qualifyIn(
              a,
              3,
              resolveIdentifier(value.database ?? context.database),
              resolveIdentifier(value.schema),
            ),
          )
          .sort(),
        ...when(
          "condition",
          value.when === undefined ? undefined : value.when === null ? null : canonicalSql(value.when),
        ),
        ...when("conditionText", value.when ? value.when.trim() : undefined),
        definition: value.as.trim(),
        definitionCanonical: canonicalSql(value.as),
        state: value.state,
        ...when("comment", value.comment === undefined ? undefined : value.comment || null),
        ...when("owner", value.owner === undefined ? undefined : declaredName(value.owner)),
      });
    },
  },
  check(object, context) {
    if (object.warehouse && !context.has("warehouse", object.warehouse)) {
      context.problem(
        `runs on warehouse ${object.warehouse}, which is not declared`,
        "Declare the warehouse in monitors/.",
        "warehouse",
      );
    }
    for (const predecessor of object.after ?? []) {
      if (!context.has("task", predecessor)) {
        context.problem(
          `runs after task ${predecessor}, which is not declared`,
          "Declare the predecessor task.",
          "after",
        );
      }
    }
    if (!context.schemas.has(`${object.database}.${object.schema}`) && object.database === context.db) {
      context.problem(
        `is in schema ${object.schema}, which is not in the config's schemas`,
        "Fix the schema name.",
        "schema",
      );
    }
  },
  write(task) {
    const [, , name = task.name] = splitQualifiedName(task.name).map(declaredName);
    return {
      folder: "monitors",
      helper: "defineTask",
      value: {
        database: task.database,
        schema: task.schema,
        name,
        ...(task.warehouse !== undefined ? { warehouse: task.warehouse } : {}),
        ...(task.schedule !== undefined ? { schedule: task.schedule } : {}),
        ...(task.after && task.after.length > 0 ? { after: task.after } : {}),
        ...(task.condition !== undefined ? { when: task.conditionText ?? task.condition } : {}),
        as: task.definition ?? "",
        ...(task.state !== undefined ? { state: task.state } : {}),
        ...(task.comment !== undefined ? { comment: task.comment } : {}),
        ...(task.owner !== undefined ? { owner: task.owner } : {}),
      },
    };
  },
};
