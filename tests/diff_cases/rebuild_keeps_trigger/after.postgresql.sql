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
CREATE FUNCTION audit_stock() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    INSERT INTO audit (msg) VALUES (NEW.sku || ' now ' || NEW.qty);
    RETURN NEW;
END;
$$;
CREATE TRIGGER trg_stock_audit AFTER UPDATE ON stock
    FOR EACH ROW EXECUTE FUNCTION audit_stock();
