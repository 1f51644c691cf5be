-- Carol's rewrite: categories, articles in categories, obituaries and wedding announcements
-- as articles of their own, and sections that include categories instead of stories. The
-- schema part only: moving the data is a migration Carol writes herself.
CREATE TABLE reporter (
    id integer PRIMARY KEY,
    name varchar(100) NOT NULL
);
CREATE TABLE category (
    id integer PRIMARY KEY,
    name varchar(50) NOT NULL,
    CONSTRAINT uq_category_name UNIQUE (name)
);
CREATE TABLE article (
    id integer PRIMARY KEY,
    headline varchar(200) NOT NULL,
    reporter_id integer NOT NULL,
    CONSTRAINT fk_article_reporter FOREIGN KEY (reporter_id) REFERENCES reporter (id)
);
CREATE TABLE article_categories (
    id integer PRIMARY KEY,
    article_id integer NOT NULL,
    category_id integer NOT NULL,
    CONSTRAINT fk_article_categories_article FOREIGN KEY (article_id) REFERENCES article (id),
    CONSTRAINT fk_article_categories_category FOREIGN KEY (category_id) REFERENCES category (id),
    CONSTRAINT uq_article_categories UNIQUE (article_id, category_id)
);
CREATE TABLE obituary (
    article_id integer PRIMARY KEY,
    deceased varchar(100) NOT NULL,
    CONSTRAINT fk_obituary_article FOREIGN KEY (article_id) REFERENCES article (id)
);
CREATE TABLE wedding_announcement (
    article_id integer PRIMARY KEY,
    couple varchar(200) NOT NULL,
    CONSTRAINT fk_wedding_announcement_article FOREIGN KEY (article_id) REFERENCES article (id)
);
CREATE TABLE section (
    id integer PRIMARY KEY,
    name varchar(50) NOT NULL
);
CREATE TABLE section_included_categories (
    id integer PRIMARY KEY,
    section_id integer NOT NULL,
    category_id integer NOT NULL,
    CONSTRAINT fk_section_included_categories_section FOREIGN KEY (section_id)
        REFERENCES section (id),
    CONSTRAINT fk_section_included_categories_category FOREIGN KEY (category_id)
        REFERENCES category (id),
    CONSTRAINT uq_section_included_categories UNIQUE (section_id, category_id)
);
