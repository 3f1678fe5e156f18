"""Raw documents → the model, collecting every problem before failing."""
