-- ADMIN cost monitoring over SNOWFLAKE.ACCOUNT_USAGE (the seed's setup_cost_monitoring.py as code).
-- ACCOUNT_USAGE has no view of resource monitor quotas, so MONITOR_QUOTAS holds them; it is filled
-- from the same config vars that size the monitors in monitors/ (R__monitor_quotas.sql).
-- The views over ACCOUNT_USAGE are declared in views/ADMIN/.

CREATE TABLE IF NOT EXISTS {{database}}.ADMIN.MONITOR_QUOTAS (
  MONITOR_NAME VARCHAR(255) NOT NULL,
  WAREHOUSE_NAME VARCHAR(255) NOT NULL,
  CREDIT_QUOTA NUMBER(12, 2) NOT NULL
);

-- One row per monitor per day, written by the DAILY_COST_SNAPSHOT task (monitors/task.ts), so
-- month-end history survives ACCOUNT_USAGE's retention and quota changes.
CREATE TABLE IF NOT EXISTS {{database}}.ADMIN.COST_SNAPSHOTS (
  SNAPSHOT_DATE DATE NOT NULL,
  MONITOR_NAME VARCHAR(255) NOT NULL,
  WAREHOUSE_NAME VARCHAR(255) NOT NULL,
  CREDIT_QUOTA NUMBER(12, 2),
  CREDITS_MONTH_TO_DATE NUMBER(18, 3),
  FORECAST_MONTH_END NUMBER(18, 3),
  STATUS VARCHAR(16),
  TAKEN_AT TIMESTAMP_LTZ
);
