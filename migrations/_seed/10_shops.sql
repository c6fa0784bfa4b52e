-- 5 shops per tenant. The city (and so country and currency) rotates with the tenant, so that
-- most tenants have a Swiss shop that sells in CHF.
INSERT INTO {{database}}.RAW.SHOPS
  (TENANT_ID, SHOP_ID, SHOP_NAME, CITY, COUNTRY_CODE, CURRENCY_CODE, SALES_AREA_SQM, OPENED_ON,
   _FIVETRAN_SYNCED, _FIVETRAN_DELETED)
SELECT
  TEN.TENANT_ID,
  'F' || LPAD(CAST(G.S AS VARCHAR), 3, '0'),
  TEN.NAME || ' ' || C.CITY || CASE G.S WHEN 1 THEN ' Zentrum' WHEN 2 THEN ' Nord' WHEN 3 THEN ' Süd' WHEN 4 THEN ' Ost' ELSE ' West' END,
  C.CITY,
  C.COUNTRY_CODE,
  C.CURRENCY_CODE,
  180 + MOD(G.R1, 1021),
  CAST(TO_DATE('2004-01-01') + CAST(MOD(G.R2, 7000) AS INTEGER) AS VARCHAR),
  CAST('{{end_date}} 23:00:00' AS TIMESTAMP_TZ),
  FALSE
FROM (
  SELECT N, TI, S, MOD(X1 * X1 + N, 2147483647) AS R1, MOD(X2 * X2 + N, 2147483647) AS R2
  FROM (
    SELECT
      N,
      CAST(FLOOR(N / 5) AS BIGINT) AS TI,
      MOD(N, 5) + 1 AS S,
      MOD(N * 48271 + {{random_seed}} * 1000003 + 101, 2147483647) AS X1,
      MOD(N * 69621 + {{random_seed}} * 1000003 + 102, 2147483647) AS X2
    FROM (
      SELECT ROW_NUMBER() OVER (ORDER BY Q) - 1 AS N
      FROM (SELECT SEQ4() AS Q FROM TABLE(GENERATOR(ROWCOUNT => {{shop_rows}})))
    )
  )
) AS G
JOIN (VALUES {{#each tenants}}({{index}}, {{literal id}}, {{literal name}}){{#unless @last}}, {{/unless}}{{/each}}) AS TEN (TI, TENANT_ID, NAME)
  ON TEN.TI = G.TI
JOIN (VALUES
  (0, 'Berlin', 'DE', 'EUR'), (1, 'Hamburg', 'DE', 'EUR'), (2, 'München', 'DE', 'EUR'),
  (3, 'Köln', 'DE', 'EUR'), (4, 'Zürich', 'CH', 'CHF'), (5, 'Wien', 'AT', 'EUR'), (6, 'Leipzig', 'DE', 'EUR')
) AS C (K, CITY, COUNTRY_CODE, CURRENCY_CODE)
  ON C.K = MOD(G.S + 2 * G.TI, 7);
