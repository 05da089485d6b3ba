-- Schema 3: tracking numbers in (order, insertion) order straight from an index, so
-- reading many cases at once (`check --all`, `agenda`, `calendar`) needs no sort per range
-- of orders. The unique index on (order_id, number) orders them by number instead.
CREATE INDEX tracking_numbers_order ON tracking_numbers (order_id);
