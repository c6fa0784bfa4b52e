/**
 * Use case `apply`: runs the plan through the driver, one statement at a time with the query tag
 * `mercurios/apply/<env>`. Refuses destructive steps unless allowed (before running anything),
 * stops at the first failure, and reports what was done.
 */
import { DriverError, MercuriosError, PlanError } from "../errors/index.js";
import { splitDotted } from "../model/index.js";
import type { PlanStep } from "../plan/index.js";
import { type PlanReport, stepAction } from "../report/index.js";
import { type DeclarationsCommonOptions, queryTag, withDriver } from "./declarations.js";
import { planChanges } from "./plan.js";
import { emit, type ProgressListener } from "./progress.js";

export interface ApplyOptions extends DeclarationsCommonOptions {
  allowDestructive?: boolean;
  /** Called with the plan before anything runs; return false to stop (the CLI's confirmation). */
  confirm?: (plan: PlanReport) => boolean | Promise<boolean>;
  /** Told as each step starts and finishes (task `apply`, or `progressTask`); `detail` is the AppliedStep. */
  onProgress?: ProgressListener;
  /** The task name progress events carry (default `apply`). */
  progressTask?: string;
}

/** A step that ran: its number, SQL, the object and what was done to it. */
export interface AppliedStep {
  number: number;
  sql: string;
  object: string;
  /** What the statement did: create, replace, alter, drop, grant, revoke, comment, transfer. */
  action: string;
}

export interface ApplyReport {
  environment: string;
  plan: PlanReport;
  /** Steps run successfully, in order. */
  applied: AppliedStep[];
  /** The step that failed, with the error; later steps were not run. */
  failed?: AppliedStep & { error: string; code: string };
  /** Steps not run (after a failure, or when not confirmed). */
  skipped: number;
  confirmed: boolean;
}

/** Applies the plan; throws PlanError before running anything when destructive steps are not allowed. */
export async function applyChanges(
  options: ApplyOptions & { command?: string; withoutRemovals?: boolean },
): Promise<ApplyReport> {
  const { environment } = options;
  const command = options.command ?? "apply";
  return withDriver(options, async (driver) => {
    const { report, plan } = await planChanges({ ...options, driver, command });
    const destructive = plan.steps.filter((s) => s.destructive);
    if (destructive.length > 0 && !options.allowDestructive) {
      throw new PlanError(
        "DESTRUCTIVE_REFUSED",
        `the plan has ${destructive.length} destructive step${destructive.length === 1 ? "" : "s"}: ${destructive
          .map((s) => `${s.number}. ${s.sql.split("\n")[0]}`)
          .join("; ")}`,
        {
          location: { object: destructive[0]!.label },
          hint: "Nothing was run. Review the plan (`mercurios plan`) and rerun with --allow-destructive, or declare the objects.",
        },
      );
    }
    const result: ApplyReport = {
      environment: environment.name,
      plan: report,
      applied: [],
      skipped: 0,
      confirmed: true,
    };
    if (plan.steps.length === 0) return result;
    if (options.confirm && !(await options.confirm(report))) {
      return { ...result, confirmed: false, skipped: plan.steps.length };
    }
    const tag = queryTag(command, environment);
    const task = options.progressTask ?? "apply";
    let currentSchema = "";
    for (const [index, step] of plan.steps.entries()) {
      const started = performance.now();
      const event = {
        task,
        step: index + 1,
        total: plan.steps.length,
        label: `${stepAction(step.sql)} ${step.label}`,
      };
      emit(options.onProgress, { ...event, phase: "start" });
      try {
        // Names a view's query leaves unqualified resolve in the view's own database and schema.
        const schema = schemaOf(step);
        if (schema && schema !== currentSchema) {
          await driver.execute(`USE SCHEMA ${schema}`, { queryTag: tag });
          currentSchema = schema;
        }
        await driver.execute(step.sql, { queryTag: tag });
        result.applied.push(summary(step));
        const elapsedMs = performance.now() - started;
        emit(options.onProgress, {
          ...event,
          phase: "done",
          elapsedMs,
          outcome: "ok",
          detail: summary(step),
        });
      } catch (error) {
        const e =
          error instanceof MercuriosError
            ? error
            : new DriverError("APPLY_STEP", String(error), { cause: error });
        result.failed = { ...summary(step), error: e.message, code: e.code };
        result.skipped = plan.steps.length - index - 1;
        const elapsedMs = performance.now() - started;
        emit(options.onProgress, {
          ...event,
          phase: "failed",
          elapsedMs,
          outcome: e.message,
          detail: result.failed,
        });
        break;
      }
    }
    return result;
  });
}

/** `DB.SCHEMA` for steps that create views or tasks (their SQL reads other objects). */
function schemaOf(step: PlanStep): string | undefined {
  if (step.objectKind !== "view" && step.objectKind !== "task") return undefined;
  if (!/^CREATE /.test(step.sql)) return undefined;
  const parts = splitDotted(step.key.slice(step.key.indexOf(":") + 1));
  return parts.length === 3 ? `${parts[0]}.${parts[1]}` : undefined;
}

function summary(step: PlanStep): AppliedStep {
  return { number: step.number, sql: step.sql, object: step.label, action: stepAction(step.sql) };
}
