-- 8 suppliers per tenant.
INSERT INTO {{database}}.RAW.SUPPLIERS
  (TENANT_ID, SUPPLIER_ID, SUPPLIER_NAME, COUNTRY_CODE, LEAD_TIME_DAYS, _FIVETRAN_SYNCED, _FIVETRAN_DELETED)
SELECT
  TEN.TENANT_ID,
  'L' || LPAD(CAST(G.K + 1 AS VARCHAR), 3, '0'),
  P.SUPPLIER_NAME,
  P.COUNTRY_CODE,
  7 + MOD(G.R1, 50),
  CAST('{{end_date}} 23:00:00' AS TIMESTAMP_TZ),
  FALSE
FROM (
  SELECT N, TI, K, MOD(X1 * X1 + N, 2147483647) AS R1
  FROM (
    SELECT
      N,
      CAST(FLOOR(N / 8) AS BIGINT) AS TI,
      MOD(N, 8) AS K,
      MOD(N * 48271 + {{random_seed}} * 1000003 + 201, 2147483647) AS X1
    FROM (
      SELECT ROW_NUMBER() OVER (ORDER BY Q) - 1 AS N
      FROM (SELECT SEQ4() AS Q FROM TABLE(GENERATOR(ROWCOUNT => {{supplier_rows}})))
    )
  )
) AS G
JOIN (VALUES {{#each tenants}}({{index}}, {{literal id}}){{#unless @last}}, {{/unless}}{{/each}}) AS TEN (TI, TENANT_ID)
  ON TEN.TI = G.TI
JOIN (VALUES
  (0, 'Textilwerk Augsburg GmbH', 'DE'), (1, 'Nordsee Strick AG', 'DE'), (2, 'Tessiner Schuhfabrik SA', 'CH'),
  (3, 'Istanbul Denim Ltd', 'TR'), (4, 'Porto Calçado Lda', 'PT'), (5, 'Vorarlberg Sport GmbH', 'AT'),
  (6, 'Lodz Konfekcja Sp. z o.o.', 'PL'), (7, 'Bergamo Tessuti S.r.l.', 'IT')
) AS P (K, SUPPLIER_NAME, COUNTRY_CODE)
  ON P.K = G.K;
