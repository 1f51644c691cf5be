CREATE FUNCTION with_tax(amount numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT amount * 1.2 $$;
CREATE FUNCTION with_tax(amount numeric, rate numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT amount * (1 + rate) $$;
