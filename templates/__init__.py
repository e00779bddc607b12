"""Message and report templates: data only (Jinja2 files). The first line of a message template is its subject."""
