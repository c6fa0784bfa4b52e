-- 1 to 6 lines per receipt (about 2.75 on average). Line hashes use M = N * 8 + LINE_NO, N being
-- the receipt's slot number from RECEIPT_ID (receipts staged by 50_receipts.sql). Popular articles sell more: the article index is
-- 2000 * u^2 for a uniform u, spread over the styles by a permutation (x 7 + 3 mod 2000).
-- About 4 % of lines are returns (-1), 15 % of sale lines carry a 10-30 % discount. Swiss shops sell
-- at the CHF price list (EUR price x 1.10); costs are the EUR purchase price at the planning rate
-- (1 CHF = 1.05 EUR, as in STANDARD.CURRENCY_RATES). Socks are sold in dozen packs (DTZ).
INSERT INTO {{database}}.RAW.RECEIPT_LINES
  (TENANT_ID, RECEIPT_ID, LINE_NO, ARTICLE_ID, QUANTITY, QUANTITY_UNIT, UNIT_PRICE, UNIT_COST, DISCOUNT_AMOUNT,
   CURRENCY_CODE, RETURN_REASON, _FIVETRAN_SYNCED, _FIVETRAN_DELETED)
SELECT
  TENANT_ID,
  RECEIPT_ID,
  LINE_NO,
  ARTICLE_ID,
  QUANTITY,
  QUANTITY_UNIT,
  UNIT_PRICE,
  UNIT_COST,
  CASE WHEN QUANTITY > 0 AND MOD(RD1, 100) < 15
    THEN ROUND(QUANTITY * UNIT_PRICE * (10 + MOD(RD2, 21)) / 100, 2)
    ELSE 0
  END,
  CURRENCY_CODE,
  CASE WHEN QUANTITY < 0
    THEN CASE MOD(RD2, 4) WHEN 0 THEN 'size' WHEN 1 THEN 'DEFECT' WHEN 2 THEN 'Dislike' ELSE 'colour' END
  END,
  _FIVETRAN_SYNCED,
  _FIVETRAN_DELETED
FROM (
  SELECT
    L.TENANT_ID,
    L.RECEIPT_ID,
    L.LINE_NO,
    A.ARTICLE_ID,
    CASE
      WHEN MOD(L.RRET, 1000) < 40 THEN -1
      WHEN A.DESCRIPTION LIKE 'Socken 12er-Pack%' THEN 1
      WHEN MOD(L.RQ, 100) < 85 THEN 1
      WHEN MOD(L.RQ, 100) < 97 THEN 2
      ELSE 3
    END AS QUANTITY,
    CASE WHEN A.DESCRIPTION LIKE 'Socken 12er-Pack%' THEN 'DTZ' ELSE 'STK' END AS QUANTITY_UNIT,
    ROUND(
      A.RETAIL_PRICE
      * CASE WHEN L.CURRENCY_CODE = 'CHF' THEN 1.10 ELSE 1 END
      * CASE WHEN A.DESCRIPTION LIKE 'Socken 12er-Pack%' THEN 10.8 ELSE 1 END,
      2
    ) AS UNIT_PRICE,
    ROUND(
      A.PURCHASE_PRICE
      / CASE WHEN L.CURRENCY_CODE = 'CHF' THEN 1.05 ELSE 1 END
      * CASE WHEN A.DESCRIPTION LIKE 'Socken 12er-Pack%' THEN 12 ELSE 1 END,
      2
    ) AS UNIT_COST,
    L.RD1,
    L.RD2,
    L.CURRENCY_CODE,
    L._FIVETRAN_SYNCED,
    L._FIVETRAN_DELETED
  FROM (
    SELECT
      TENANT_ID, RECEIPT_ID, LINE_NO, CURRENCY_CODE, _FIVETRAN_SYNCED, _FIVETRAN_DELETED,
      MOD(X1 * X1 + M, 2147483647) AS RQ,
      MOD(X2 * X2 + M, 2147483647) AS RRET,
      MOD(X3 * X3 + M, 2147483647) AS RA,
      MOD(X4 * X4 + M, 2147483647) AS RD1,
      MOD(X5 * X5 + M, 2147483647) AS RD2
    FROM (
      SELECT
        TENANT_ID, RECEIPT_ID, LINE_NO, CURRENCY_CODE, _FIVETRAN_SYNCED, _FIVETRAN_DELETED, M,
        MOD(M * 48271 + {{random_seed}} * 1000003 + 601, 2147483647) AS X1,
        MOD(M * 69621 + {{random_seed}} * 1000003 + 602, 2147483647) AS X2,
        MOD(M * 16807 + {{random_seed}} * 1000003 + 603, 2147483647) AS X3,
        MOD(M * 39373 + {{random_seed}} * 1000003 + 604, 2147483647) AS X4,
        MOD(M * 40014 + {{random_seed}} * 1000003 + 605, 2147483647) AS X5
      FROM (
        SELECT
          R.TENANT_ID, R.RECEIPT_ID, R.CURRENCY_CODE, R._FIVETRAN_SYNCED, R._FIVETRAN_DELETED,
          LS.LINE_NO,
          R.N * 8 + LS.LINE_NO AS M
        FROM (
          SELECT
            TENANT_ID, RECEIPT_ID, CURRENCY_CODE, _FIVETRAN_SYNCED, _FIVETRAN_DELETED, N,
            CASE
              WHEN MOD(RL, 100) < 25 THEN 1
              WHEN MOD(RL, 100) < 50 THEN 2
              WHEN MOD(RL, 100) < 70 THEN 3
              WHEN MOD(RL, 100) < 85 THEN 4
              WHEN MOD(RL, 100) < 95 THEN 5
              ELSE 6
            END AS LINE_COUNT
          FROM (
            SELECT
              TENANT_ID, RECEIPT_ID, CURRENCY_CODE, _FIVETRAN_SYNCED, _FIVETRAN_DELETED, N,
              MOD(XL * XL + N, 2147483647) AS RL
            FROM (
              SELECT
                TENANT_ID, RECEIPT_ID, CURRENCY_CODE, _FIVETRAN_SYNCED, _FIVETRAN_DELETED,
                CAST(SPLIT_PART(RECEIPT_ID, '-', 2) AS BIGINT) AS N,
                MOD(CAST(SPLIT_PART(RECEIPT_ID, '-', 2) AS BIGINT) * 48271 + {{random_seed}} * 1000003 + 600,
                  2147483647) AS XL
              FROM {{database}}.RAW.SEED_RECEIPTS
            )
          )
        ) AS R
        -- (LINE_COUNT, LINE_NO) pairs with LINE_NO <= LINE_COUNT: an equality join, not a range join
        JOIN (
          SELECT LINE_COUNT, LINE_NO
          FROM (
            SELECT CAST(FLOOR(Q / 6) AS BIGINT) + 1 AS LINE_COUNT, MOD(Q, 6) + 1 AS LINE_NO
            FROM (SELECT SEQ4() AS Q FROM TABLE(GENERATOR(ROWCOUNT => 36)))
          )
          WHERE LINE_NO <= LINE_COUNT
        ) AS LS
          ON LS.LINE_COUNT = R.LINE_COUNT
      )
    )
  ) AS L
  JOIN (
    SELECT TENANT_ID, ARTICLE_ID, DESCRIPTION, RETAIL_PRICE, PURCHASE_PRICE,
      CAST(SUBSTR(ARTICLE_ID, 2) AS BIGINT) - 1 AS IDX
    FROM {{database}}.RAW.ARTICLES
  ) AS A
    ON A.TENANT_ID = L.TENANT_ID
    AND A.IDX = MOD(CAST(FLOOR(2000 * (L.RA / 2147483647.0) * (L.RA / 2147483647.0)) AS BIGINT) * 7 + 3, 2000)
);
