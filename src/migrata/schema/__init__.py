"""What a database schema is (model), how it is read (reflect) and built from a source (materialize)."""
