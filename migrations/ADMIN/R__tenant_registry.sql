-- Tenants and who may see them, from mercurios.config.ts `tenants`. Repeatable: runs again whenever
-- the tenant list (and so this rendered file) changes.
-- Tenant <id> is read through role MERCURIOS_TENANT_<ID> (upper case, '-' becomes '_'), declared in
-- roles/tenants.ts. Platform roles see every tenant ('*'); every other role sees none.

DELETE FROM {{database}}.ADMIN.TENANTS;
{{#if tenants.length}}
INSERT INTO {{database}}.ADMIN.TENANTS (TENANT_ID, TENANT_NAME, POS_SYSTEM, REPORTING_CURRENCY, IS_ACTIVE, UPDATED_AT)
VALUES
{{#each tenants}}
  ({{literal id}}, {{literal name}}, {{literal source}}, 'EUR', TRUE, CURRENT_TIMESTAMP()){{#unless @last}},{{/unless}}
{{/each}};
{{/if}}

DELETE FROM {{database}}.ADMIN.TENANT_ROLE_MAPPING;
INSERT INTO {{database}}.ADMIN.TENANT_ROLE_MAPPING (ROLE_NAME, TENANT_ID) VALUES
  ('ACCOUNTADMIN', '*'),
  ('SYSADMIN', '*'),
  ('MERCURIOS_ADMIN', '*'),
  ('MERCURIOS_DEVELOPER', '*'),
  ('MERCURIOS_ANALYST', '*');
{{#if tenants.length}}
INSERT INTO {{database}}.ADMIN.TENANT_ROLE_MAPPING (ROLE_NAME, TENANT_ID)
SELECT 'MERCURIOS_TENANT_' || UPPER(REPLACE(TENANT_ID, '-', '_')), TENANT_ID
FROM {{database}}.ADMIN.TENANTS;
{{/if}}
