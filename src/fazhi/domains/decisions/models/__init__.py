"""Models of the decisions domain; each sub-domain in its own module."""
