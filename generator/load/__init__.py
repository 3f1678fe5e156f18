"""Files → raw documents that remember the line of each key."""
