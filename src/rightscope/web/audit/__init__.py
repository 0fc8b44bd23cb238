"""The audit trail: django-auditlog's records, made append-only and scoped to an organisation."""
