/** A view test file read into typed records, every part with the line it was written on. */

/** A cell as written in YAML. */
export type TestCell = string | number | boolean | null;

/** One value of a row: the column as written and as the engine names it (unquoted names fold to upper case). */
export interface TestCellEntry {
  /** Column name as Snowflake resolves it (`tenant_id` -> `TENANT_ID`, `"Mixed"` -> `Mixed`). */
  column: string;
  written: string;
  value: TestCell;
  line: number;
}

export interface TestRow {
  line: number;
  cells: TestCellEntry[];
}

/** The rows given for one table. */
export interface GivenTable {
  /** The table as written (`RAW.SALES`, `SHOP_DATA.RAW.SALES`). */
  written: string;
  line: number;
  rows: TestRow[];
}

/** A name with the line it is written on (a role, an order_by column). */
export interface NameAt {
  name: string;
  written: string;
  line: number;
}

export interface ViewTestCase {
  name: string;
  /** Line of the case (its `- name:` item). */
  line: number;
  given: GivenTable[];
  asRole?: NameAt;
  expect: {
    line: number;
    /** Columns compared: the ones the expected rows name (every row names the same ones). */
    columns: string[];
    orderBy?: NameAt[];
    rows: TestRow[];
  };
}

/** One `views/<SCHEMA>/<VIEW>.test.yaml`. */
export interface ViewTestFile {
  /** Path relative to the project root, `/` separators. */
  file: string;
  absolutePath: string;
  /** The schema folder and view name the file sits beside, as written in the path. */
  schema: string;
  view: string;
  cases: ViewTestCase[];
}
