"""The demo site: every app's demo content, read from data files and loaded by `load_demo_content`."""
