/**
 * `views lineage`: the lineage of one declared view (what it reads, what reads it, where its columns
 * come from) or of the whole project, derived from the rendered SQL alone. No database is opened,
 * so it works offline and fast.
 */
import type { ResolvedEnvironment } from "../../config/index.js";
import { quoteIdentifier, resolveIdentifier } from "../../model/index.js";
import { buildLineage } from "../../model/lineage.js";
import type { LineageReportFor } from "../../report/lineage.js";
import { loadDeclaredViews } from "./declared.js";

export interface ViewLineageOptions {
  environment: ResolvedEnvironment;
  /** The view as a user types it (`TOP_SHOPS`, `analytics.top_shops`); none: the whole project. */
  name?: string;
  processEnv?: NodeJS.ProcessEnv;
}

/**
 * Builds the lineage report. An unknown or ambiguous name throws ProjectError VIEW_UNKNOWN /
 * VIEW_AMBIGUOUS (with close names); a view whose SQL the parser cannot analyse is reported with
 * table-level lineage only and the reason, never thrown.
 */
export async function viewLineage(options: ViewLineageOptions): Promise<LineageReportFor> {
  const declared = await loadDeclaredViews(options.environment, options.processEnv);
  const root = options.name === undefined ? undefined : declared.resolve(options.name).name;
  // As the graph spells it (resolved, quoted only when needed), so display names can drop it.
  const database = quoteIdentifier(resolveIdentifier(options.environment.database));
  return { environment: options.environment.name, ...buildLineage(declared.graph, database, root) };
}
