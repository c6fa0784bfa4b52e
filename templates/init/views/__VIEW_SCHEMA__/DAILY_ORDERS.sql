---
comment: Orders, customers and revenue per day
grants:
  - role: __PREFIX___ANALYST
    privileges: [SELECT]
---
-- A declared view: this file holds its SELECT (Handlebars-templated); `mercurios up` creates it.
-- Guide: node_modules/mercurios/docs/guide/declarations.md
SELECT
  CAST(ORDERED_AT AS DATE) AS ORDER_DATE,
  COUNT(*) AS ORDERS,
  COUNT(DISTINCT CUSTOMER_ID) AS CUSTOMERS,
  SUM(AMOUNT) AS REVENUE
FROM {{database}}.__FIRST_SCHEMA__.ORDERS
GROUP BY CAST(ORDERED_AT AS DATE)
