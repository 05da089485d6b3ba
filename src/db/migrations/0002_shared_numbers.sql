-- Schema 2: an index that finds tracking numbers used by more than one order without a
-- sort (`Db::shared_tracking_numbers`, run before every judgement). It also serves every
-- lookup by number, so the single-column index it replaces goes.
CREATE INDEX tracking_numbers_shared ON tracking_numbers (number, order_id);
DROP INDEX tracking_numbers_number;
