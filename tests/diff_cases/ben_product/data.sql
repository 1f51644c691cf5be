INSERT INTO ticket (id, reporter, owner, status, description) VALUES
    (1, 'carol@example.com', 'ben@example.com', 1, 'Crash on save'),
    (2, 'alice@example.com', 'ben@example.com', 0, 'Typo in footer');
