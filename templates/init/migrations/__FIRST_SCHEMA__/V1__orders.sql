-- The first migration. Versioned scripts (V1__…, V2__…, V1.1__…) run once, in version order, and
-- start in their folder's schema ({{database}}.{{schema}}); `mercurios migrate status` shows what ran.
-- Guide: node_modules/mercurios/docs/guide/migrations.md
CREATE TABLE IF NOT EXISTS ORDERS (
  ORDER_ID NUMBER(38,0) NOT NULL,
  CUSTOMER_ID VARCHAR(64) NOT NULL,
  ORDERED_AT TIMESTAMP_NTZ NOT NULL,
  AMOUNT NUMBER(12,2) NOT NULL
);
