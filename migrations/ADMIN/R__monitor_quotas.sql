-- Each monitor's monthly quota and the warehouse it governs, for the cost views (V1.5.0).
-- The same config vars size the monitors declared in monitors/*.ts, so the two cannot disagree.

DELETE FROM {{database}}.ADMIN.MONITOR_QUOTAS;
INSERT INTO {{database}}.ADMIN.MONITOR_QUOTAS (MONITOR_NAME, WAREHOUSE_NAME, CREDIT_QUOTA) VALUES
  ('MERCURIOS_ANALYTICS_MONITOR', {{literal analytics_warehouse}}, {{analytics_monitor_credits}}),
  ('MERCURIOS_DEV_MONITOR', {{literal dev_warehouse}}, {{dev_monitor_credits}}),
  ('MERCURIOS_LOADING_MONITOR', {{literal loading_warehouse}}, {{loading_monitor_credits}}),
  ('MERCURIOS_TASK_MONITOR', {{literal task_warehouse}}, {{task_monitor_credits}});
