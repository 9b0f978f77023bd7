"""The read-only JSON API (``/api/v1/``): measures, figures, series, benchmarks and plan
status, from the figures service, under the same roles, areas and disclosure control as
the pages. Its OpenAPI 3 schema is served at ``/api/v1/schema``."""
