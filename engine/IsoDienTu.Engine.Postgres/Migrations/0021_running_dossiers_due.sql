-- migration: no transaction
-- The overdue list walks the open dossiers whose clock runs in due order (0020): the dossiers waiting with a stopped
-- clock are left out of the index rather than skipped one by one. Built concurrently: dossiers go on meanwhile.
create index concurrently if not exists dossiers_running_due_unit on dossiers (due_at, id) include (unit_code)
    where finished_at is null and clock_stopped_at is null;
