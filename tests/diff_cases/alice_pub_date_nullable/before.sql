-- seeds/002, Alice: a blog entry (Entry: title, body).
CREATE TABLE entry (
    id integer PRIMARY KEY,
    title varchar(30) NOT NULL,
    body text NOT NULL
);
