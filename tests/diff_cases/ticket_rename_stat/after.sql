-- seeds/002: stat renamed to status, owner removed, description added. The menu offers
-- status/description as new and stat/owner as gone; the user couples 1 (status) and
-- 3 (stat), declines any other rename, and types "delete" for owner.
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    reporter varchar(254) NOT NULL,
    status integer NOT NULL,
    description text NOT NULL
);
