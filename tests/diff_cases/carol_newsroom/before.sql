-- seeds/002, Carol: a newsroom with reporters, articles and sections of stories (the
-- many-to-many Section.stories as its join table).
CREATE TABLE reporter (
    id integer PRIMARY KEY,
    name varchar(100) NOT NULL
);
CREATE TABLE article (
    id integer PRIMARY KEY,
    headline varchar(200) NOT NULL,
    reporter_id integer NOT NULL,
    CONSTRAINT fk_article_reporter FOREIGN KEY (reporter_id) REFERENCES reporter (id)
);
CREATE TABLE section (
    id integer PRIMARY KEY,
    name varchar(50) NOT NULL
);
CREATE TABLE section_stories (
    id integer PRIMARY KEY,
    section_id integer NOT NULL,
    article_id integer NOT NULL,
    CONSTRAINT fk_section_stories_section FOREIGN KEY (section_id) REFERENCES section (id),
    CONSTRAINT fk_section_stories_article FOREIGN KEY (article_id) REFERENCES article (id),
    CONSTRAINT uq_section_stories UNIQUE (section_id, article_id)
);
