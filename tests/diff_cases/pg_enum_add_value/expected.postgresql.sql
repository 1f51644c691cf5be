ALTER TYPE ticket_state ADD VALUE 'new' BEFORE 'open';

ALTER TYPE ticket_state ADD VALUE 'in_progress' AFTER 'open';
