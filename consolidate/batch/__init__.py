"""`consolidate batch`: every act of a publisher's folder tree, consolidated in a process pool.

- `layout` finds the trees (`base_orders/<act>/`, `amendments/<order>/`) and their folders;
- `fingerprint` hashes input folders and the program, so an unchanged act is skipped;
- `worker` runs in the pool: reads what a folder is (identity) and consolidates one act
  through the same code path as `consolidate apply`, isolated from every other act;
- `state` keeps the hashes and results of the last run in the output folder;
- `runner` puts it together (discovery, matching, skipping, the pool, the progress bar);
- `report` writes `report.json` and `report.html`;
- `command` is the sub-command registered in `consolidate.cli`.

The layout and the decisions are in docs/batch.md.
"""
