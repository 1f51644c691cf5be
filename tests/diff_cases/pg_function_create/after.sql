-- A new SQL function and a PL/pgSQL one.
CREATE TABLE line (
    id integer PRIMARY KEY,
    net numeric(10,2) NOT NULL
);
CREATE FUNCTION with_tax(amount numeric, rate numeric DEFAULT 0.2) RETURNS numeric
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT round(amount * (1 + rate), 2) $$;
CREATE FUNCTION line_total() RETURNS numeric
    LANGUAGE plpgsql STABLE
    AS $$
DECLARE
    total numeric;
BEGIN
    SELECT coalesce(sum(net), 0) INTO total FROM line;
    RETURN total;
END;
$$;
