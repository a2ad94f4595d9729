"""`consolidate serve`: a local web application over a data folder.

Drafters and reviewers see the acts of a data folder (`base_orders/`, `amendments/`),
their versions in time, the history of a unit, and can upload or paste an amending
order to see its reading, the consolidated version, its redline and its comparative
table, and download every format, or import an official text to see its structure.
Modules: `data` (the data folder, read-only), `timelines` (an act in time, one interface
for Order 550's tables and for imported acts), `uploads` (size- and type-limited reading
of an upload into a per-request temp dir), `imports` (an official text read as `import`
reads it), `views` (what the pages print), `files` (downloads, a deterministic ZIP), `app`
(the routes), `command` (the sub-command).
See docs/serve.md.
"""
