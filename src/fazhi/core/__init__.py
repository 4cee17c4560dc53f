"""Shared mechanisms every domain uses, lowest layer first: org (who), integrity (proof),
clock (when), casework (what happened), disclosure (what is public), intake (what comes in).
A mechanism imports only those below it; it never imports a domain or the shell."""
