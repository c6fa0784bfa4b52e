-- Sample data replaces whatever sample data was there: RAW and STANDARD tenant tables are emptied
-- (TRUNCATE: all rows, whatever the row access policy would let this role see).
TRUNCATE TABLE {{database}}.RAW.SHOPS;
TRUNCATE TABLE {{database}}.RAW.SUPPLIERS;
TRUNCATE TABLE {{database}}.RAW.ARTICLES;
TRUNCATE TABLE {{database}}.RAW.CUSTOMERS;
TRUNCATE TABLE {{database}}.RAW.RECEIPTS;
TRUNCATE TABLE {{database}}.RAW.RECEIPT_LINES;
TRUNCATE TABLE {{database}}.RAW.STOCK_LEVELS;
TRUNCATE TABLE {{database}}.STANDARD.SHOPS;
TRUNCATE TABLE {{database}}.STANDARD.SUPPLIERS;
TRUNCATE TABLE {{database}}.STANDARD.ARTICLES;
TRUNCATE TABLE {{database}}.STANDARD.CUSTOMERS;
TRUNCATE TABLE {{database}}.STANDARD.RECEIPTS;
TRUNCATE TABLE {{database}}.STANDARD.RECEIPT_LINES;
TRUNCATE TABLE {{database}}.STANDARD.STOCK_LEVELS;
