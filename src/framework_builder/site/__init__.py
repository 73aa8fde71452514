"""From a loaded framework to a published site: versions, theme, rendering, MkDocs, cache, PDF, portal."""
