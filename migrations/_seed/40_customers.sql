-- Loyalty customers. Tiers arrive spelled as the tills spell them; STANDARD upper-cases them and
-- turns a missing tier into NONE.
INSERT INTO {{database}}.RAW.CUSTOMERS
  (TENANT_ID, CUSTOMER_ID, HOME_SHOP_ID, POSTAL_CODE, BIRTH_YEAR, LOYALTY_TIER, REGISTERED_ON,
   _FIVETRAN_SYNCED, _FIVETRAN_DELETED)
SELECT
  TEN.TENANT_ID,
  'K' || LPAD(CAST(G.CI + 1 AS VARCHAR), 6, '0'),
  'F' || LPAD(CAST(MOD(G.R1, 5) + 1 AS VARCHAR), 3, '0'),
  LPAD(CAST(1000 + MOD(G.R2, 98000) AS VARCHAR), 5, '0'),
  1945 + MOD(G.R3, 62),
  CASE
    WHEN MOD(G.R4, 100) < 10 THEN NULL
    WHEN MOD(G.R4, 100) < 55 THEN 'bronze'
    WHEN MOD(G.R4, 100) < 85 THEN 'Silver'
    ELSE 'GOLD '
  END,
  CAST(TO_DATE('{{end_date}}') - CAST(MOD(G.R5, 2500) AS INTEGER) AS VARCHAR),
  CAST('{{end_date}} 23:00:00' AS TIMESTAMP_TZ),
  FALSE
FROM (
  SELECT
    N, TI, CI,
    MOD(X1 * X1 + N, 2147483647) AS R1,
    MOD(X2 * X2 + N, 2147483647) AS R2,
    MOD(X3 * X3 + N, 2147483647) AS R3,
    MOD(X4 * X4 + N, 2147483647) AS R4,
    MOD(X5 * X5 + N, 2147483647) AS R5
  FROM (
    SELECT
      N,
      CAST(FLOOR(N / {{customers_per_tenant}}) AS BIGINT) AS TI,
      MOD(N, {{customers_per_tenant}}) AS CI,
      MOD(N * 48271 + {{random_seed}} * 1000003 + 401, 2147483647) AS X1,
      MOD(N * 69621 + {{random_seed}} * 1000003 + 402, 2147483647) AS X2,
      MOD(N * 16807 + {{random_seed}} * 1000003 + 403, 2147483647) AS X3,
      MOD(N * 39373 + {{random_seed}} * 1000003 + 404, 2147483647) AS X4,
      MOD(N * 40014 + {{random_seed}} * 1000003 + 405, 2147483647) AS X5
    FROM (
      SELECT ROW_NUMBER() OVER (ORDER BY Q) - 1 AS N
      FROM (SELECT SEQ4() AS Q FROM TABLE(GENERATOR(ROWCOUNT => {{customer_rows}})))
    )
  )
) AS G
JOIN (VALUES {{#each tenants}}({{index}}, {{literal id}}){{#unless @last}}, {{/unless}}{{/each}}) AS TEN (TI, TENANT_ID)
  ON TEN.TI = G.TI;
