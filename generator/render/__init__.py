"""Model → str/bytes. No I/O: every function here is given what it renders."""
