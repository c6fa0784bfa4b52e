-- 2000 article variants per tenant: 200 styles x 5 sizes x 2 colours. Variants of a style share
-- category, brand, supplier and price (hashes of the style number SN, not of the row).
INSERT INTO {{database}}.RAW.ARTICLES
  (TENANT_ID, ARTICLE_ID, ARTICLE_NUMBER, DESCRIPTION, CATEGORY, BRAND, SIZE_CODE, COLOUR_CODE, COLOUR_NAME,
   SEASON, SUPPLIER_ID, PURCHASE_PRICE, RETAIL_PRICE, PRICE_CURRENCY, _FIVETRAN_SYNCED, _FIVETRAN_DELETED)
SELECT
  TEN.TENANT_ID,
  'A' || LPAD(CAST(G.IDX + 1 AS VARCHAR), 5, '0'),
  SUBSTR(CAT.CATEGORY, 1, 1) || LPAD(CAST(G.STYLE + 1 AS VARCHAR), 5, '0'),
  CASE
    WHEN CAT.K = 3 AND MOD(G.STYLE, 4) = 3 THEN 'Socken 12er-Pack'
    ELSE CAT.NOUN
  END || ' ' || B.BRAND || ' ' || LPAD(CAST(G.STYLE + 1 AS VARCHAR), 3, '0'),
  CAT.CATEGORY,
  B.BRAND,
  CASE CAT.K
    WHEN 2 THEN CAST(38 + G.SIZE_I AS VARCHAR)
    WHEN 4 THEN CAST(104 + 12 * G.SIZE_I AS VARCHAR)
    ELSE CASE G.SIZE_I WHEN 0 THEN 'xs' WHEN 1 THEN 's' WHEN 2 THEN 'm' WHEN 3 THEN 'l' ELSE 'xl' END
  END,
  COL.COLOUR_CODE,
  COL.COLOUR_NAME,
  CASE MOD(G.STYLE, 3) WHEN 0 THEN 'FS26' WHEN 1 THEN 'HW26' ELSE 'NOS' END,
  'L' || LPAD(CAST(MOD(G.STYLE, 8) + 1 AS VARCHAR), 3, '0'),
  ROUND(G.RETAIL * (38 + MOD(G.R2, 18)) / 100, 2),
  G.RETAIL,
  'EUR',
  CAST('{{end_date}} 23:00:00' AS TIMESTAMP_TZ),
  FALSE
FROM (
  SELECT
    TI, IDX, STYLE, SIZE_I, COLOUR_I, R2, R3,
    (CAT_BASE + MOD(R1, 10) * 5) - 0.05 AS RETAIL
  FROM (
    SELECT
      N, TI, IDX, STYLE, SIZE_I, COLOUR_I,
      CASE MOD(STYLE, 6) WHEN 0 THEN 30 WHEN 1 THEN 30 WHEN 2 THEN 60 WHEN 3 THEN 10 WHEN 4 THEN 15 ELSE 25 END
        AS CAT_BASE,
      MOD(X1 * X1 + SN, 2147483647) AS R1,
      MOD(X2 * X2 + SN, 2147483647) AS R2,
      MOD(X3 * X3 + SN, 2147483647) AS R3
    FROM (
      SELECT
        N, TI, IDX, STYLE, SIZE_I, COLOUR_I, SN,
        MOD(SN * 48271 + {{random_seed}} * 1000003 + 301, 2147483647) AS X1,
        MOD(SN * 69621 + {{random_seed}} * 1000003 + 302, 2147483647) AS X2,
        MOD(SN * 16807 + {{random_seed}} * 1000003 + 303, 2147483647) AS X3
      FROM (
        SELECT
          N,
          CAST(FLOOR(N / 2000) AS BIGINT) AS TI,
          MOD(N, 2000) AS IDX,
          CAST(FLOOR(MOD(N, 2000) / 10) AS BIGINT) AS STYLE,
          MOD(N, 5) AS SIZE_I,
          MOD(CAST(FLOOR(N / 5) AS BIGINT), 2) AS COLOUR_I,
          CAST(FLOOR(N / 2000) AS BIGINT) * 200 + CAST(FLOOR(MOD(N, 2000) / 10) AS BIGINT) AS SN
        FROM (
          SELECT ROW_NUMBER() OVER (ORDER BY Q) - 1 AS N
          FROM (SELECT SEQ4() AS Q FROM TABLE(GENERATOR(ROWCOUNT => {{article_rows}})))
        )
      )
    )
  )
) AS G
JOIN (VALUES {{#each tenants}}({{index}}, {{literal id}}){{#unless @last}}, {{/unless}}{{/each}}) AS TEN (TI, TENANT_ID)
  ON TEN.TI = G.TI
JOIN (VALUES
  (0, 'Damenmode', 'Kleid'), (1, 'Herrenmode', 'Hemd'), (2, 'Schuhe', 'Sneaker'),
  (3, 'Accessoires', 'Gürtel'), (4, 'Kindermode', 'Kinder-Shirt'), (5, 'Sportswear', 'Laufshirt')
) AS CAT (K, CATEGORY, NOUN)
  ON CAT.K = MOD(G.STYLE, 6)
JOIN (VALUES
  (0, 'Nordlicht'), (1, 'Alpenrot'), (2, 'Hanse Denim'), (3, 'Isarwerk'),
  (4, 'Elbkind'), (5, 'Rheinform'), (6, 'Spreeblau'), (7, 'Bergfest')
) AS B (K, BRAND)
  ON B.K = MOD(G.R3, 8)
JOIN (VALUES
  (0, '010', 'Schwarz'), (1, '020', 'Weiß'), (2, '030', 'Marine'), (3, '040', 'Grau'),
  (4, '050', 'Rot'), (5, '060', 'Oliv'), (6, '070', 'Beige'), (7, '080', 'Blau')
) AS COL (K, COLOUR_CODE, COLOUR_NAME)
  ON COL.K = MOD(G.STYLE * 3 + G.COLOUR_I, 8);
