/**
 * umzug's storage on the change history, kept to umzug's three methods (executed, logMigration,
 * unlogMigration). Rows live in a `HistoryLog`: a table in the account for real runs, an array in
 * memory for unit tests. A script's success row is written in the same round trip as the script
 * itself; the log is told, and `logMigration` then has nothing left to write.
 */
import type { UmzugStorage } from "umzug";
import { type HistoryRow, type HistoryStatus, latestRows } from "./history.js";
import { executedNames } from "./status.js";

/** The rows of the change history, as read at the start of a run and kept current during it. */
export interface HistoryLog {
  /** Every row, oldest first. */
  rows(): readonly HistoryRow[];
  /** Writes rows (one round trip on a table). */
  append(rows: readonly HistoryRow[]): Promise<void>;
  /** Records rows that were already written (inside a script's own batch). */
  noteWritten(rows: readonly HistoryRow[]): void;
  /** The rank the next row gets. */
  nextRank(): number;
}

/** A history kept in memory: for unit tests and dry runs. */
export class MemoryHistoryLog implements HistoryLog {
  private readonly list: HistoryRow[];
  constructor(rows: readonly HistoryRow[] = []) {
    this.list = [...rows];
  }
  rows(): readonly HistoryRow[] {
    return this.list;
  }
  async append(rows: readonly HistoryRow[]): Promise<void> {
    this.list.push(...rows);
  }
  noteWritten(rows: readonly HistoryRow[]): void {
    this.list.push(...rows);
  }
  nextRank(): number {
    return this.list.reduce((max, r) => Math.max(max, r.rank), 0) + 1;
  }
}

/** Builds the row umzug asks to log for a migration name. */
export type RowFactory = (name: string, status: HistoryStatus, rank: number) => HistoryRow;

/** umzug storage over a history log. */
export class ChangeHistoryStorage implements UmzugStorage {
  constructor(
    private readonly log: HistoryLog,
    private readonly rowFor: RowFactory,
  ) {}

  async executed(): Promise<string[]> {
    return executedNames(this.log.rows());
  }

  async logMigration({ name }: { name: string }): Promise<void> {
    if (this.latestIs(name, ["SUCCESS", "BASELINE", "REPAIRED"])) return;
    await this.log.append([this.rowFor(name, "SUCCESS", this.log.nextRank())]);
  }

  async unlogMigration({ name }: { name: string }): Promise<void> {
    if (this.latestIs(name, ["UNDONE"])) return;
    await this.log.append([this.rowFor(name, "UNDONE", this.log.nextRank())]);
  }

  /** Whether the script's newest row is for this migration name with one of these statuses. */
  private latestIs(name: string, statuses: readonly HistoryStatus[]): boolean {
    const key = name.split("#")[0]!;
    const latest = latestRows(this.log.rows()).get(key);
    return (
      latest !== undefined &&
      statuses.includes(latest.status) &&
      (latest.migration === name || latest.status === "UNDONE")
    );
  }
}
