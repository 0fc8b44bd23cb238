"""Rightscope web: the multi-stakeholder platform, a thin Django front end over the Python API.

It adds no domain logic of its own: the law, identify, assess, monitor and report packages do the work
and the web apps call them. One Django app per concern, each with its models, views, forms, admin,
templates and translations:

- ``orgs``: organisations (tenants), projects, members and their roles; every query is scoped here.
- ``lawbrowser``: instruments, provisions, rights, guidance, search and applicable law by country.
- ``assessments``: the ``rightscope/assessment/v1`` document edited in forms, its versions and sign-offs.
- ``consultations``: pages for affected people and their representatives, classified with identify.
- ``monitoring``: deployments, decision logs and monitoring runs in the background.
- ``reports``: the HRIA/FRIA and monitoring reports from the same renderers as the CLI.
- ``audit``: the append-only audit trail (django-auditlog, guarded by database triggers).
- ``api``: the JSON API (django-ninja, OpenAPI) with token authentication.

Start it with ``rightscope web``; see ``docs/web.md``.
"""
