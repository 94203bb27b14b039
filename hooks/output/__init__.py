"""Output: what is done to the written pages and files (security policy, unused CSS, minifying, offline copy)."""
