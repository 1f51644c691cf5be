CREATE TABLE category (
    id integer NOT NULL,
    name varchar(50) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_category_name UNIQUE (name)
);

CREATE TABLE article_categories (
    id integer NOT NULL,
    article_id integer NOT NULL,
    category_id integer NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_article_categories UNIQUE (article_id, category_id),
    CONSTRAINT fk_article_categories_article FOREIGN KEY(article_id) REFERENCES article (id),
    CONSTRAINT fk_article_categories_category FOREIGN KEY(category_id) REFERENCES category (id)
);

CREATE TABLE obituary (
    article_id integer NOT NULL,
    deceased varchar(100) NOT NULL,
    PRIMARY KEY (article_id),
    CONSTRAINT fk_obituary_article FOREIGN KEY(article_id) REFERENCES article (id)
);

CREATE TABLE section_included_categories (
    id integer NOT NULL,
    section_id integer NOT NULL,
    category_id integer NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_section_included_categories UNIQUE (section_id, category_id),
    CONSTRAINT fk_section_included_categories_category FOREIGN KEY(category_id) REFERENCES category (id),
    CONSTRAINT fk_section_included_categories_section FOREIGN KEY(section_id) REFERENCES section (id)
);

CREATE TABLE wedding_announcement (
    article_id integer NOT NULL,
    couple varchar(200) NOT NULL,
    PRIMARY KEY (article_id),
    CONSTRAINT fk_wedding_announcement_article FOREIGN KEY(article_id) REFERENCES article (id)
);

-- drops table section_stories and its rows
DROP TABLE section_stories;
