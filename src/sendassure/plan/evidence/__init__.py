"""The evidence library: uploads are checked (``validation``), their text taken out for
search and preview (``extract``), stored once by SHA-256 (``storage``) and recorded as
files with versions (``service``)."""
