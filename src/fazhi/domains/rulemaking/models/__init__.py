"""Models of the rulemaking domain; each sub-domain in its own module."""
