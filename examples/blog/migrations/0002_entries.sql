-- description: Alice's blog entries (seeds/002)
-- depends: 0001_users
CREATE TABLE entry (
    id INTEGER PRIMARY KEY,
    author_id INTEGER NOT NULL REFERENCES users (id),
    title VARCHAR(30) NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX entry_author ON entry (author_id);
