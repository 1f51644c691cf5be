DROP FUNCTION with_tax;

CREATE FUNCTION `with_tax`(amount numeric(10,2)) RETURNS numeric(10,2) DETERMINISTIC BEGIN
    DECLARE rate numeric(4,2) DEFAULT 0.25;
    RETURN round(amount * (1 + rate), 2);
END;
