"""What users and operators touch: the back office, the portal, the API, the ``fazhi`` command's
operations and the demo scenario. The shell collects what the domains registered."""
