"""Settings modules: ``base`` (local use, the default), ``test`` and ``production``.

Everything that differs between machines comes from environment variables; see the
README's Configuration section for the full list.
"""
