"""Reading amending orders: text -> `Amendment` (metadata, operations, cleanups)."""
