-- migration: no transaction
-- The dashboard lists a scope's dossiers finished late in a period, in due order. Walked in (unit_code, due_at), the
-- list read past every late dossier due before the period that finished before it (32,000 rows for the province's
-- year to date on a million dossiers, 9 ms, growing with the years kept). By month of finishing (UTC months: they only
-- partition the walk; the period's own bounds still filter), each month of the period is walked in due order and the
-- walks are merged: at most a page per month is read. Built concurrently: finishing dossiers go on meanwhile.
create index concurrently if not exists dossier_late_by_month
    on dossier_late (unit_code, (date_trunc('month', finished_at at time zone 'UTC')), due_at, dossier_id) include (finished_at);
