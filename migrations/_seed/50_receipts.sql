-- Receipts: for every tenant x shop x day, K = 0 .. expected count - 1, the count being
-- base x weekday x shop x tenant factor (shops closed on Sundays). N = (tenant x shop x day) x max + K
-- numbers the receipt for the hashes; it is kept in RECEIPT_ID (shop-N) so the line generator can
-- hash it again. They are staged in a session-scoped temporary table: 70_receipts.sql writes them to
-- RAW.RECEIPTS with the till total summed from their lines.
CREATE OR REPLACE TEMPORARY TABLE {{database}}.RAW.SEED_RECEIPTS AS
SELECT
  TEN.TENANT_ID,
  SH.SHOP_ID || '-' || CAST(G.N AS VARCHAR) AS RECEIPT_ID,
  SH.SHOP_ID,
  1 + MOD(G.R1, 3) AS REGISTER_NO,
  CASE WHEN MOD(G.R2, 100) < 62
    THEN 'K' || LPAD(CAST(MOD(G.R3, {{customers_per_tenant}}) + 1 AS VARCHAR), 6, '0')
  END AS CUSTOMER_ID,
  CAST(G.SALES_DATE AS VARCHAR) || ' '
    || LPAD(CAST(9 + MOD(G.R4, 11) AS VARCHAR), 2, '0') || ':'
    || LPAD(CAST(MOD(G.R5, 60) AS VARCHAR), 2, '0') || ':'
    || LPAD(CAST(MOD(G.R6, 60) AS VARCHAR), 2, '0') AS RECEIPT_TS,
  SH.CURRENCY_CODE,
  CASE WHEN MOD(G.R7, 10) < 5 THEN 'card' WHEN MOD(G.R7, 10) < 8 THEN 'CASH' ELSE 'Mobile' END AS PAYMENT_METHOD,
  CAST('{{end_date}} 23:30:00' AS TIMESTAMP_TZ) AS _FIVETRAN_SYNCED,
  MOD(G.R8, 1000) < 3 AS _FIVETRAN_DELETED
FROM (
  SELECT
    N, TI, S, SALES_DATE,
    MOD(X1 * X1 + N, 2147483647) AS R1,
    MOD(X2 * X2 + N, 2147483647) AS R2,
    MOD(X3 * X3 + N, 2147483647) AS R3,
    MOD(X4 * X4 + N, 2147483647) AS R4,
    MOD(X5 * X5 + N, 2147483647) AS R5,
    MOD(X6 * X6 + N, 2147483647) AS R6,
    MOD(X7 * X7 + N, 2147483647) AS R7,
    MOD(X8 * X8 + N, 2147483647) AS R8
  FROM (
    SELECT
      N, TI, S, SALES_DATE,
      MOD(N * 48271 + {{random_seed}} * 1000003 + 501, 2147483647) AS X1,
      MOD(N * 69621 + {{random_seed}} * 1000003 + 502, 2147483647) AS X2,
      MOD(N * 16807 + {{random_seed}} * 1000003 + 503, 2147483647) AS X3,
      MOD(N * 39373 + {{random_seed}} * 1000003 + 504, 2147483647) AS X4,
      MOD(N * 40014 + {{random_seed}} * 1000003 + 505, 2147483647) AS X5,
      MOD(N * 40692 + {{random_seed}} * 1000003 + 506, 2147483647) AS X6,
      MOD(N * 41358 + {{random_seed}} * 1000003 + 507, 2147483647) AS X7,
      MOD(N * 45742 + {{random_seed}} * 1000003 + 508, 2147483647) AS X8
    FROM (
      SELECT D.GRP * {{max_receipts_per_shop_day}} + SL.K AS N, D.TI, D.S, D.SALES_DATE
      FROM (
        -- one row per tenant, shop and day with the number of receipts it gets
        SELECT
          GRP, TI, S, SALES_DATE,
          CAST(FLOOR(
            {{receipts_per_shop_day}}
            * CASE DAYOFWEEKISO(SALES_DATE)
                WHEN 1 THEN 0.75 WHEN 2 THEN 0.8 WHEN 3 THEN 0.9 WHEN 4 THEN 1.0
                WHEN 5 THEN 1.2 WHEN 6 THEN 1.6 ELSE 0 END
            * (0.7 + 0.15 * S)
            * (0.9 + 0.1 * TENANT_FACTOR)
          ) AS BIGINT) AS EXPECTED
        FROM (
          SELECT
            GRP,
            CAST(FLOOR(GRP / ({{days}} * 5)) AS BIGINT) AS TI,
            MOD(CAST(FLOOR(GRP / {{days}}) AS BIGINT), 5) + 1 AS S,
            MOD(CAST(FLOOR(GRP / ({{days}} * 5)) AS BIGINT), 3) AS TENANT_FACTOR,
            TO_DATE('{{end_date}}') - {{days_minus_one}} + CAST(MOD(GRP, {{days}}) AS INTEGER) AS SALES_DATE
          FROM (
            SELECT ROW_NUMBER() OVER (ORDER BY Q) - 1 AS GRP
            FROM (SELECT SEQ4() AS Q FROM TABLE(GENERATOR(ROWCOUNT => {{shop_day_rows}})))
          )
        )
      ) AS D
      JOIN (
        SELECT ROW_NUMBER() OVER (ORDER BY Q) - 1 AS K
        FROM (SELECT SEQ4() AS Q FROM TABLE(GENERATOR(ROWCOUNT => {{max_receipts_per_shop_day}})))
      ) AS SL
        ON SL.K < D.EXPECTED
    )
  )
) AS G
JOIN (VALUES {{#each tenants}}({{index}}, {{literal id}}){{#unless @last}}, {{/unless}}{{/each}}) AS TEN (TI, TENANT_ID)
  ON TEN.TI = G.TI
JOIN {{database}}.RAW.SHOPS AS SH
  ON SH.TENANT_ID = TEN.TENANT_ID AND SH.SHOP_ID = 'F' || LPAD(CAST(G.S AS VARCHAR), 3, '0');
