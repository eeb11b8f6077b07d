"""Story services: guided entry, story checks, the coverage map, drafts and consistency."""
