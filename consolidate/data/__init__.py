"""Grammar tables, table conventions and note templates (TOML), read by the code as data."""
