import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/types.js";
import { failure, freshSession, rows } from "./helpers.js";

/**
 * How table metadata reads back in SHOW TABLES / DESCRIBE TABLE, as Snowflake prints it (the
 * create-table, alter-table and alter-table-column pages): clustering keys with their names
 * normalised, sequence defaults with the sequence fully qualified, and ALTER COLUMN's lists of
 * actions (comma-separated or in parentheses), SET DEFAULT to another sequence among them.
 */
let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession("META_DB"));
  await session.executeScript("CREATE SEQUENCE seq1; CREATE SEQUENCE seq5; CREATE SCHEMA other;");
  await session.execute("USE SCHEMA META_DB.PUBLIC");
});

afterAll(async () => {
  await engine.close();
});

async function clusterBy(table: string): Promise<string | null | undefined> {
  const shown = await rows(session, `SHOW TABLES LIKE '${table}' ->> SELECT "cluster_by" FROM $1`);
  return shown[0]?.[0];
}

async function describe2(table: string): Promise<(string | null)[][]> {
  return (await rows(session, `DESC TABLE ${table}`)).map((r) => [
    r[0] ?? null,
    r[1] ?? null,
    r[3] ?? null,
    r[4] ?? null,
    r[9] ?? null,
  ]);
}

describe("clustering keys", () => {
  it("names unquoted identifiers in upper case, one space after each comma", async () => {
    await session.execute("CREATE OR REPLACE TABLE ck1 (date TIMESTAMP_NTZ, id NUMBER) CLUSTER BY (date,id)");
    expect(await clusterBy("CK1")).toBe("LINEAR(DATE, ID)");
  });

  it("keeps quoted names and string literals as written, upper-cases function names", async () => {
    await session.execute(
      `CREATE OR REPLACE TABLE ck2 ("low" VARCHAR, ts TIMESTAMP_NTZ) CLUSTER BY ("low", to_date(ts), substr("low", 1, 'x'))`,
    );
    expect(await clusterBy("CK2")).toBe(`LINEAR("low", TO_DATE(TS), SUBSTR("low", 1, 'x'))`);
  });

  it("ALTER TABLE … CLUSTER BY normalises the same way", async () => {
    await session.execute(
      "CREATE OR REPLACE TABLE ck3 (id NUMBER, date TIMESTAMP_NTZ) CLUSTER BY (id, date)",
    );
    await session.execute("ALTER TABLE ck3 CLUSTER BY (date , id)");
    expect(await clusterBy("CK3")).toBe("LINEAR(DATE, ID)");
  });
});

describe("sequence defaults", () => {
  it("DESCRIBE shows the sequence fully qualified, whatever the name written", async () => {
    await session.execute(
      "CREATE OR REPLACE TABLE sd1 (a NUMBER DEFAULT seq1.nextval, b NUMBER DEFAULT public.seq5.NEXTVAL, c NUMBER DEFAULT 3)",
    );
    expect((await describe2("sd1")).map((r) => r[3])).toEqual([
      "META_DB.PUBLIC.SEQ1.NEXTVAL",
      "META_DB.PUBLIC.SEQ5.NEXTVAL",
      "3",
    ]);
  });

  it("ADD COLUMN qualifies the same way, and the default still draws from the sequence", async () => {
    await session.execute("CREATE OR REPLACE TABLE sd2 (x INT)");
    await session.execute("ALTER TABLE sd2 ADD COLUMN n NUMBER DEFAULT seq1.nextval");
    expect((await describe2("sd2"))[1]?.[3]).toBe("META_DB.PUBLIC.SEQ1.NEXTVAL");
    await session.execute("USE SCHEMA META_DB.OTHER");
    await session.execute("INSERT INTO META_DB.PUBLIC.sd2 (x) VALUES (1)");
    await session.execute("USE SCHEMA META_DB.PUBLIC");
    expect(await rows(session, "SELECT n IS NOT NULL FROM sd2")).toEqual([["true"]]);
  });
});

describe("ALTER COLUMN action lists", () => {
  const create =
    "CREATE OR REPLACE TABLE ac (c1 NUMBER NOT NULL, c2 NUMBER DEFAULT 3, c3 NUMBER DEFAULT seq1.nextval, c4 VARCHAR(20) DEFAULT 'abcde', c5 STRING)";
  const expected = [
    ["C1", "NUMBER(38,0)", "Y", null, null],
    ["C2", "NUMBER(38,0)", "Y", null, null],
    ["C3", "NUMBER(38,0)", "Y", "META_DB.PUBLIC.SEQ5.NEXTVAL", null],
    ["C4", "VARCHAR(50)", "Y", null, null],
    ["C5", "VARCHAR(16777216)", "Y", null, "50 character column"],
  ];

  it("runs comma-separated actions, each naming its column", async () => {
    await session.execute(create);
    await session.execute("ALTER TABLE ac ALTER COLUMN c1 DROP NOT NULL");
    await session.execute("ALTER TABLE ac MODIFY c2 DROP DEFAULT, c3 SET DEFAULT seq5.nextval");
    await session.execute("ALTER TABLE ac ALTER c4 SET DATA TYPE VARCHAR(50), COLUMN c4 DROP DEFAULT");
    await session.execute("ALTER TABLE ac ALTER c5 COMMENT '50 character column'");
    expect(await describe2("ac")).toEqual(expected);
  });

  it("runs the same actions in parentheses", async () => {
    await session.execute(create);
    await session.execute(
      "ALTER TABLE ac ALTER (c1 DROP NOT NULL, c5 COMMENT '50 character column', c4 TYPE VARCHAR(50), c2 DROP DEFAULT, COLUMN c4 DROP DEFAULT, COLUMN c3 SET DEFAULT seq5.nextval)",
    );
    expect(await describe2("ac")).toEqual(expected);
    await session.execute("INSERT INTO ac (c1) VALUES (1)");
    expect(await rows(session, "SELECT c3 IS NOT NULL FROM ac")).toEqual([["true"]]);
  });

  it("refuses SET DEFAULT on a column whose default is not a sequence", async () => {
    await session.execute(create);
    const error = await failure(session, "ALTER TABLE ac ALTER c2 SET DEFAULT seq5.nextval");
    expect(error.code).toBe("002040");
  });
});

describe("collation specifications", () => {
  it("are recorded in lower case, as DESCRIBE TABLE shows them", async () => {
    await session.execute(
      "CREATE OR REPLACE TABLE co (a VARCHAR COLLATE 'en_US', b VARCHAR(5) COLLATE 'EN-CI')",
    );
    await session.execute("ALTER TABLE co ADD COLUMN c VARCHAR COLLATE 'De_DE'");
    expect((await describe2("co")).map((r) => r[1])).toEqual([
      "VARCHAR(16777216) COLLATE 'en_us'",
      "VARCHAR(5) COLLATE 'en-ci'",
      "VARCHAR(16777216) COLLATE 'de_de'",
    ]);
  });
});

describe("numeric option values", () => {
  it("are read whole: DATA_RETENTION_TIME_IN_DAYS = 10 on a database, a schema and a table", async () => {
    await session.execute("CREATE DATABASE retention_db DATA_RETENTION_TIME_IN_DAYS = 10");
    await session.execute("CREATE SCHEMA retention_s DATA_RETENTION_TIME_IN_DAYS = 12");
    await session.execute("CREATE TABLE retention_t (x INT) DATA_RETENTION_TIME_IN_DAYS = 14");
    expect(
      await rows(session, `SHOW DATABASES LIKE 'RETENTION_DB' ->> SELECT "retention_time" FROM $1`),
    ).toEqual([["10"]]);
    expect(
      await rows(session, `SHOW SCHEMAS LIKE 'RETENTION_S' ->> SELECT "retention_time" FROM $1`),
    ).toEqual([["12"]]);
    expect(await rows(session, `SHOW TABLES LIKE 'RETENTION_T' ->> SELECT "retention_time" FROM $1`)).toEqual(
      [["14"]],
    );
    await session.execute("USE SCHEMA META_DB.PUBLIC");
  });

  it("are read whole in ALTER SESSION and ALTER SEQUENCE", async () => {
    await session.execute("ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = 604800");
    expect(
      await rows(
        session,
        `SHOW PARAMETERS LIKE 'STATEMENT_TIMEOUT_IN_SECONDS' IN SESSION ->> SELECT "value" FROM $1`,
      ),
    ).toEqual([["604800"]]);
    await session.execute("ALTER SESSION UNSET STATEMENT_TIMEOUT_IN_SECONDS");
    await session.execute("CREATE OR REPLACE SEQUENCE step_seq");
    await session.execute("ALTER SEQUENCE step_seq SET INCREMENT = 15");
    expect(await rows(session, `SHOW SEQUENCES LIKE 'STEP_SEQ' ->> SELECT "interval" FROM $1`)).toEqual([
      ["15"],
    ]);
  });
});
