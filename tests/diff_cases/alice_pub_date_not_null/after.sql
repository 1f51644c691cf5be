-- Alice's publish date is required; existing entries get a one-off date (no lasting default).
CREATE TABLE entry (
    id integer PRIMARY KEY,
    title varchar(30) NOT NULL,
    body text NOT NULL,
    pub_date date NOT NULL
);
