-- Alice adds a publish date; old entries just have none.
CREATE TABLE entry (
    id integer PRIMARY KEY,
    title varchar(30) NOT NULL,
    body text NOT NULL,
    pub_date date
);
