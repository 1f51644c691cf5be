-- qty becomes an integer under a trigger: SQLite rebuilds stock and must create the trigger
-- again; the servers change the column in place and the trigger stays.
CREATE TABLE stock (
    id integer PRIMARY KEY,
    sku varchar(20) NOT NULL,
    qty integer
);
CREATE TABLE audit (
    msg varchar(200) NOT NULL
);
CREATE TRIGGER trg_stock_audit AFTER UPDATE ON stock
    FOR EACH ROW INSERT INTO audit (msg) VALUES (CONCAT(NEW.sku, ' now ', NEW.qty));
