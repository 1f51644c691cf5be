-- drops table legacy_note and its rows
DROP TABLE legacy_note;
