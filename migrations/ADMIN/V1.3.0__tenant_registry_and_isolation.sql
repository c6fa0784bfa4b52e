-- ADMIN: who the tenants are, which role sees which tenant, and the row access policy that
-- enforces it on STANDARD (and so on every ANALYTICS view built on STANDARD).

CREATE SCHEMA IF NOT EXISTS {{database}}.ADMIN;

-- One row per onboarded tenant; filled from mercurios.config.ts by R__tenant_registry.sql.
CREATE TABLE IF NOT EXISTS {{database}}.ADMIN.TENANTS (
  TENANT_ID VARCHAR(64) NOT NULL,
  TENANT_NAME VARCHAR(200),
  POS_SYSTEM VARCHAR(32),
  REPORTING_CURRENCY VARCHAR(3),
  IS_ACTIVE BOOLEAN,
  UPDATED_AT TIMESTAMP_LTZ
);

-- Which tenant's rows a role may see. TENANT_ID '*' means every tenant (platform roles).
-- A role with no row here sees no tenant rows at all: isolation fails closed.
CREATE TABLE IF NOT EXISTS {{database}}.ADMIN.TENANT_ROLE_MAPPING (
  ROLE_NAME VARCHAR(255) NOT NULL,
  TENANT_ID VARCHAR(64) NOT NULL
);

-- The body is migrations/_partials/tenant_isolation_body.sql, also declared in roles/tenant-isolation.ts
-- (so plan and drift know the policy); it is created here because V1.4.0 attaches it to STANDARD.
-- The session's current role decides, not the roles it inherits: an administrator who runs
-- USE ROLE MERCURIOS_TENANT_<T> sees exactly what tenant <T> sees.
CREATE ROW ACCESS POLICY IF NOT EXISTS {{database}}.ADMIN.TENANT_ISOLATION
  AS (ROW_TENANT_ID VARCHAR) RETURNS BOOLEAN ->
  {{> tenant_isolation_body}}
  COMMENT = 'Mercurios tenant isolation: rows visible per ADMIN.TENANT_ROLE_MAPPING';
