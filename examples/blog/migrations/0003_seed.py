"""Seed a first author and entry, in Python."""


def upgrade(ctx):
    ctx.execute(
        "INSERT INTO users (id, email, name) VALUES (:id, :email, :name)",
        {"id": 1, "email": "alice@example.org", "name": "Alice"},
    )
    ctx.execute(
        "INSERT INTO entry (id, author_id, title, body) VALUES (1, 1, 'Hello', 'First post')"
    )


def downgrade(ctx):
    ctx.execute("DELETE FROM entry WHERE id = 1")
    ctx.execute("DELETE FROM users WHERE id = 1")
