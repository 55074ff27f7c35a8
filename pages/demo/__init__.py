"""Demo content for the engagement hub: the pages app's data and the helpers that load it."""
