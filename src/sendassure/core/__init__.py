"""Cross-cutting services: users and roles, areas, permissions, audit, Jinja2 environment."""
