CREATE TABLE line (
    id integer PRIMARY KEY,
    net numeric(10,2) NOT NULL,
    gross numeric(10,2)
);
CREATE FUNCTION with_tax(amount numeric(10,2)) RETURNS numeric(10,2)
    DETERMINISTIC
BEGIN
    DECLARE rate numeric(4,2) DEFAULT 0.2;
    RETURN round(amount * (1 + rate), 2);
END;
CREATE TRIGGER trg_line_gross BEFORE INSERT ON line
    FOR EACH ROW SET NEW.gross = with_tax(NEW.net);
