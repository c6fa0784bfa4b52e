-- The platform's four schemas. A root script (no schema folder): it runs first, before any script
-- that starts with USE SCHEMA <its folder>.
--   RAW        landing tables written by Fivetran and the Lambda connector
--   STANDARD   cleansed, typed, deduplicated tenant data (tenant isolation applies)
--   ANALYTICS  the views dashboards and tenants read
--   ADMIN      tenant registry, cost monitoring, change history
CREATE SCHEMA IF NOT EXISTS {{database}}.RAW COMMENT = 'Landing tables written by Fivetran and the Lambda connector';
CREATE SCHEMA IF NOT EXISTS {{database}}.STANDARD COMMENT = 'Cleansed, typed, deduplicated tenant data';
CREATE SCHEMA IF NOT EXISTS {{database}}.ANALYTICS COMMENT = 'Views for dashboards and tenants';
CREATE SCHEMA IF NOT EXISTS {{database}}.ADMIN COMMENT = 'Tenant registry, cost monitoring, change history';
