"""Search: the forms of a term readers type, the spellings table, and the index loaded at the first query."""
