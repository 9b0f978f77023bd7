"""The web front end: thin views, presenters and GOV.UK-styled Jinja2 templates."""
