import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Account, openAccount, record } from "./helpers.js";

// A driven clock: metering follows it, so the test needs no waiting.
const T0 = Date.parse("2026-01-05T10:00:00Z");
let now = T0;
let a: Account;

beforeEach(async () => {
  now = T0;
  a = await openAccount({ now: () => now });
  await a.run(
    "create warehouse admin_wh warehouse_size = xsmall auto_suspend = 600 initially_suspended = true",
    "create warehouse wh warehouse_size = xlarge auto_suspend = 60 initially_suspended = true",
    "create resource monitor wh_monitor with credit_quota = 1 triggers on 50 percent do notify on 100 percent do suspend",
    "alter warehouse wh set resource_monitor = wh_monitor",
    "create database d",
    "create table d.public.t (x int)",
    "use warehouse wh",
  );
});
afterEach(async () => {
  await a.close();
});

const at = (seconds: number) => {
  now = T0 + seconds * 1000;
};

describe("metering", () => {
  it("bills per second with a 60 s minimum at resume, auto-suspends when idle, and monitors act on the credits", async () => {
    at(0);
    await a.run("select * from d.public.t"); // resumes WH (X-Large: 16 credits/hour)
    expect(record(await a.run("show warehouses like 'WH'")).state).toBe("STARTED");
    at(100); // idle since 0 > AUTO_SUSPEND 60: suspended at 60 (60 s billed), resumed now by this query
    await a.run("select * from d.public.t");
    at(150);
    await a.run("select * from d.public.t"); // 60 s + 60 s minimum = 120 s = 0.5333 credits: past 50 %
    expect(a.catalog.notifications().map((n) => [n.monitor, n.percent, n.action])).toEqual([
      ["WH_MONITOR", 50, "NOTIFY"],
    ]);
    expect(record(await a.run("show resource monitors"))).toMatchObject({
      used_credits: "0.53",
      remaining_credits: "0.47",
    });
    at(280);
    // Idle since 150 > 60 s: suspended at 210 (110 s billed); this query resumes it (60 s minimum).
    // 60 + 110 + 60 = 230 s at 16 credits/hour = 1.0222 credits: past 100 %, SUSPEND.
    await a.run("select * from d.public.t");
    expect(a.catalog.notifications().map((n) => n.action)).toEqual(["NOTIFY", "SUSPEND"]);
    expect(record(await a.run("show warehouses like 'WH'")).state).toBe("SUSPENDED");
    at(290);
    const blocked = await a.error("select * from d.public.t");
    expect(blocked.message).toBe(
      "Warehouse 'WH' cannot be resumed because resource monitor 'WH_MONITOR' has exceeded its quota.",
    );
    expect((await a.error("alter warehouse wh resume")).message).toContain("has exceeded its quota");

    // ACCOUNT_USAGE is refreshed before the query resumes ADMIN_WH, so only WH has billed so far.
    await a.run("use warehouse admin_wh");
    const metering = await a.run(
      "select warehouse_name, to_varchar(start_time, 'YYYY-MM-DD HH24:MI'), credits_used from snowflake.account_usage.warehouse_metering_history order by warehouse_name",
    );
    // START_TIME is a TIMESTAMP_LTZ shown in the session's TIMEZONE, Snowflake's default
    // America/Los_Angeles: T0 (10:00 UTC) is 02:00 PST in January.
    expect(metering.rows).toEqual([["WH", "2026-01-05 02:00", "1.022222222"]]);
    const history = await a.run(
      "select count(*), min(warehouse_size) from snowflake.account_usage.query_history where warehouse_name = 'WH' and execution_status = 'SUCCESS'",
    );
    expect(history.rows).toEqual([["4", "X-Large"]]);

    // Raising the quota lifts the monitor's suspension.
    await a.run("alter resource monitor wh_monitor set credit_quota = 10", "alter warehouse wh resume");
    expect(record(await a.run("show warehouses like 'WH'")).state).toBe("STARTED");
    // 1.0222 used + the new run's 60 s minimum (0.2667) = 1.2889 of 10.
    expect(record(await a.run("show resource monitors")).remaining_credits).toBe("8.71");
  });

  it("QUERY_HISTORY keeps failures and masks passwords", async () => {
    await a.run("create user someone password = 'Hunter2!secret'");
    await a.error("select * from d.public.missing");
    await a.run("use warehouse admin_wh");
    const rows = (
      await a.run(
        "select query_text, execution_status, error_code from snowflake.account_usage.query_history where query_text like '%someone%' or execution_status = 'FAIL' order by start_time",
      )
    ).rows;
    expect(rows).toEqual([
      ["create user someone password = '****'", "SUCCESS", null],
      ["select * from d.public.missing", "FAIL", "002003"],
    ]);
  });

  it("a warehouse nobody touches stops billing at its auto-suspend, whenever the bill is read", async () => {
    await a.run("use warehouse admin_wh");
    at(0);
    await a.run("alter warehouse wh resume"); // X-Large, 16 credits/hour, AUTO_SUSPEND 60
    at(120);
    await a.run("alter warehouse wh resume"); // it stopped at 60 (60 s billed); resumed now
    at(3_000); // idle since 120: it stopped at 180 (60 s billed), long before this read
    // 60 s + 60 s at 16 credits/hour = 0.533333333 credits, all in the 10:00 hour.
    const metering = await a.run(
      "select to_varchar(start_time, 'YYYY-MM-DD HH24:MI'), credits_used from snowflake.account_usage.warehouse_metering_history where warehouse_name = 'WH'",
    );
    // START_TIME is a TIMESTAMP_LTZ shown in Snowflake's default TIMEZONE (America/Los_Angeles): 02:00 PST.
    expect(metering.rows).toEqual([["2026-01-05 02:00", "0.533333333"]]);
    expect(record(await a.run("show resource monitors like 'WH_MONITOR'"))).toMatchObject({
      used_credits: "0.53",
      remaining_credits: "0.47",
    });
  });

  it("CURRENT_TIMESTAMP(), CURRENT_DATE() and SYSDATE() follow the driven clock, inside a view too", async () => {
    const now =
      "select to_varchar(current_timestamp(), 'YYYY-MM-DD HH24:MI:SS'), current_date(), to_varchar(sysdate(), 'YYYY-MM-DD HH24:MI')";
    await a.run("use warehouse admin_wh");
    at(0); // 2026-01-05 10:00:00 UTC
    // CURRENT_TIMESTAMP and CURRENT_DATE are in the session's TIMEZONE (Snowflake's default,
    // America/Los_Angeles: 02:00 PST); SYSDATE is UTC.
    expect((await a.run(now)).rows).toEqual([["2026-01-05 02:00:00", "2026-01-05", "2026-01-05 10:00"]]);
    await a.run(
      "create view d.public.month_so_far as select day(current_date()) as days_elapsed, day(last_day(current_date())) as days_in_month",
    );
    expect((await a.run("select * from d.public.month_so_far")).rows).toEqual([["5", "31"]]);
    at(30 * 86_400 + 3_600); // 30 days and an hour later: 2026-02-04 11:00:00 UTC
    expect((await a.run(now)).rows).toEqual([["2026-02-04 03:00:00", "2026-02-04", "2026-02-04 11:00"]]);
    expect((await a.run("select * from d.public.month_so_far")).rows).toEqual([["4", "28"]]);
  });
});
