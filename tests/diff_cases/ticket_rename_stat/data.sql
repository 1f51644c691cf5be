INSERT INTO ticket (id, reporter, owner, stat) VALUES
    (1, 'carol@example.com', 'ben@example.com', 1),
    (2, 'alice@example.com', 'ben@example.com', 0);
