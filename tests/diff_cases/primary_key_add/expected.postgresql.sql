ALTER TABLE setting ADD CONSTRAINT pk_setting PRIMARY KEY (name);
