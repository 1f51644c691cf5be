COMMENT ON COLUMN ticket.title IS 'one line summary';

COMMENT ON COLUMN ticket.stat IS NULL;

COMMENT ON TABLE ticket IS 'Support tickets';
