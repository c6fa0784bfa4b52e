/** Use case `plan`: the ordered DDL that brings the environment to its declarations. */
import { type DiffResult, diffModels } from "../diff/index.js";
import { buildPlan, type Plan } from "../plan/index.js";
import { buildPlanReport, type PlanReport } from "../report/index.js";
import {
  type DeclarationsCommonOptions,
  queryTag,
  readLiveState,
  withDesiredAndDriver,
} from "./declarations.js";

export interface PlanResult {
  report: PlanReport;
  plan: Plan;
  diff: DiffResult;
  roundTrips: number;
}

/** Loads declarations, reads the account, diffs and plans. Throws PlanError for anything unrenderable. */
export async function planChanges(
  options: DeclarationsCommonOptions & {
    command?: string;
    /** Leave undeclared live objects alone (`up` creates databases and schemas before migrations). */
    withoutRemovals?: boolean;
  },
): Promise<PlanResult> {
  const { environment } = options;
  return withDesiredAndDriver(options, async (desired, driver) => {
    const live = await readLiveState(driver, desired.model, environment, {
      queryTag: queryTag(options.command ?? "plan", environment),
      ...(options.kinds ? { kinds: options.kinds } : {}),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    });
    const compared = diffModels(desired.model, live.model, options.kinds ? { kinds: options.kinds } : {});
    const diff = options.withoutRemovals
      ? { ...compared, differences: compared.differences.filter((d) => d.kind !== "unexpected") }
      : compared;
    const plan = buildPlan(diff, desired.model.objects.values());
    return {
      report: buildPlanReport(plan, { environment: environment.name, database: environment.database }),
      plan,
      diff,
      roundTrips: live.stats.roundTrips,
    };
  });
}
