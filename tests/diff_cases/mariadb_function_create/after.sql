-- A stored function with a compound body (MariaDB).
CREATE TABLE line (
    id integer PRIMARY KEY,
    net numeric(10,2) NOT NULL
);
CREATE FUNCTION with_tax(amount numeric(10,2)) RETURNS numeric(10,2)
    DETERMINISTIC
BEGIN
    DECLARE rate numeric(4,2) DEFAULT 0.2;
    RETURN round(amount * (1 + rate), 2);
END;
