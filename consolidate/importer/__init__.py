"""Importing official texts: the reference bank's markdown, HTML, DOCX or PDF text -> one provision tree."""
