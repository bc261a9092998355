"""Open data: the whole published registry as versioned, checksummed downloads.

- `tables`  reads the published registry (through the models' visibility rule only) into flat tables;
- `formats` writes them as one JSON document, a Frictionless data package and Popolo JSON;
- `store`   keeps dated versions in Django's default storage, with a manifest and a changelog.

Built by `python manage.py build_open_data` (from cron), never on a request; served by the `/data/` page.
"""
