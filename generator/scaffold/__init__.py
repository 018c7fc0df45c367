"""``evidence-brief new`` (brief.py, command.py) and the files a new brief starts with (files/).

Kept free of imports so that loading the command line does not load ingest."""
