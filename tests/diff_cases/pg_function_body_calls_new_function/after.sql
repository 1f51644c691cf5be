-- rate()'s new body (BEGIN ATOMIC, whose calls PostgreSQL tracks) calls a new function: going
-- up the new function comes first; going down the old body must be back before it is dropped.
CREATE FUNCTION base_rate() RETURNS numeric
    LANGUAGE sql IMMUTABLE
    BEGIN ATOMIC SELECT 0.25; END;
CREATE FUNCTION rate() RETURNS numeric
    LANGUAGE sql IMMUTABLE
    BEGIN ATOMIC SELECT base_rate(); END;
