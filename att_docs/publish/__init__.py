"""The conference build: plan, read, render in workers, commit; cache, manifest, index page."""
