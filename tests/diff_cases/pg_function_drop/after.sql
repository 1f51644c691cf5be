-- Of two overloads, the one-argument function goes: the drop names its signature.
CREATE FUNCTION with_tax(amount numeric, rate numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT amount * (1 + rate) $$;
