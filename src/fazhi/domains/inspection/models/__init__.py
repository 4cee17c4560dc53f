"""Models of the inspection domain; each sub-domain in its own module."""
