/** Driver errors beyond the plain `DriverError`. */
import { DriverError, type MercuriosErrorOptions } from "../errors/index.js";
import type { QueryResult } from "./types.js";

/** A batch stopped at a failing statement; `completed` statements ran before it. */
export class BatchError extends DriverError {
  /** How many statements of the batch succeeded before the failure (when the account says). */
  readonly completed: number | undefined;
  /**
   * Results of the statements that succeeded, when known. The Snowflake driver knows only their query
   * ids and SQL (columns and rows empty, rowCount 0): the rows of a failed batch are never fetched.
   */
  readonly results: readonly QueryResult[];
  constructor(
    message: string,
    options: MercuriosErrorOptions & {
      sqlCode?: string;
      sqlState?: string;
      queryId?: string;
      completed?: number;
      results?: readonly QueryResult[];
    },
  ) {
    super("BATCH_FAILED", message, options);
    this.completed = options.completed;
    this.results = options.results ?? [];
  }
}
