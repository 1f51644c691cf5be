CREATE TABLE stock (
    id integer PRIMARY KEY,
    sku varchar(20) NOT NULL,
    qty varchar(10)
);
CREATE TABLE audit (
    msg varchar(200) NOT NULL
);
CREATE TRIGGER trg_stock_audit AFTER UPDATE ON stock
BEGIN
    INSERT INTO audit (msg) VALUES (NEW.sku || ' now ' || NEW.qty);
END;
