-- A stock count for every shop x article: -1 to 12 pieces (about 14 % at zero or below, a negative
-- count being a booking error the POS really produces); sock packs counted in dozens.
INSERT INTO {{database}}.RAW.STOCK_LEVELS
  (TENANT_ID, SHOP_ID, ARTICLE_ID, QUANTITY_ON_HAND, QUANTITY_UNIT, REORDER_POINT, COUNTED_AT,
   _FIVETRAN_SYNCED, _FIVETRAN_DELETED)
SELECT
  TEN.TENANT_ID,
  'F' || LPAD(CAST(G.S AS VARCHAR), 3, '0'),
  A.ARTICLE_ID,
  CASE WHEN A.DESCRIPTION LIKE 'Socken 12er-Pack%' THEN MOD(G.R1, 4) ELSE MOD(G.R1, 14) - 1 END,
  CASE WHEN A.DESCRIPTION LIKE 'Socken 12er-Pack%' THEN 'DTZ' ELSE 'STK' END,
  CASE WHEN A.DESCRIPTION LIKE 'Socken 12er-Pack%' THEN 1 ELSE 2 END,
  '{{end_date}} 21:00:00',
  CAST('{{end_date}} 23:00:00' AS TIMESTAMP_TZ),
  FALSE
FROM (
  SELECT N, TI, S, IDX, MOD(X1 * X1 + N, 2147483647) AS R1
  FROM (
    SELECT
      N,
      CAST(FLOOR(N / 10000) AS BIGINT) AS TI,
      CAST(FLOOR(MOD(N, 10000) / 2000) AS BIGINT) + 1 AS S,
      MOD(N, 2000) AS IDX,
      MOD(N * 48271 + {{random_seed}} * 1000003 + 801, 2147483647) AS X1
    FROM (
      SELECT ROW_NUMBER() OVER (ORDER BY Q) - 1 AS N
      FROM (SELECT SEQ4() AS Q FROM TABLE(GENERATOR(ROWCOUNT => {{stock_rows}})))
    )
  )
) AS G
JOIN (VALUES {{#each tenants}}({{index}}, {{literal id}}){{#unless @last}}, {{/unless}}{{/each}}) AS TEN (TI, TENANT_ID)
  ON TEN.TI = G.TI
JOIN {{database}}.RAW.ARTICLES AS A
  ON A.TENANT_ID = TEN.TENANT_ID AND A.ARTICLE_ID = 'A' || LPAD(CAST(G.IDX + 1 AS VARCHAR), 5, '0');
