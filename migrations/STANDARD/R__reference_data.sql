-- Reference rates and units used by the STANDARD refresh. Repeatable: re-run when this file changes.
-- Rates are fixed planning rates (the finance team's budget rates), not daily market rates.

DELETE FROM {{database}}.STANDARD.CURRENCY_RATES;
INSERT INTO {{database}}.STANDARD.CURRENCY_RATES (CURRENCY_CODE, EUR_PER_UNIT, VALID_FROM) VALUES
  ('EUR', 1.000000, '2020-01-01'),
  ('CHF', 1.050000, '2020-01-01'),
  ('GBP', 1.170000, '2020-01-01'),
  ('USD', 0.920000, '2020-01-01'),
  ('DKK', 0.134000, '2020-01-01');

DELETE FROM {{database}}.STANDARD.QUANTITY_UNITS;
INSERT INTO {{database}}.STANDARD.QUANTITY_UNITS (QUANTITY_UNIT, PIECES_PER_UNIT, DESCRIPTION) VALUES
  ('STK', 1, 'piece (Stück)'),
  ('DTZ', 12, 'dozen (Dutzend)');
