"""The lists' part of the Ezhou 2019 scenario (``fazhi demo``), owned by the lists app.

- ``vocab``: the seed's figures and dates, and the typed loading of the vocabulary tables in
  ``data/`` (laws, per-department item names, name patterns, reasons);
- ``plan``: pure functions of the seed that decide which rows exist;
- ``stage``: the stages that load them, registered from ``ListsConfig.ready()`` with
  ``fazhi.registry.stage``; each receives the shell's ``ScenarioBuilder`` (``builder.seed``,
  ``builder.audit``) and its ``StageResult``.
"""
