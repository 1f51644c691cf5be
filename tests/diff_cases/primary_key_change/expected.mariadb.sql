ALTER TABLE membership DROP PRIMARY KEY;

ALTER TABLE membership ADD PRIMARY KEY (user_id, group_id);
