-- migration: no transaction
-- 0015 split the late list's walk by UTC month of finishing, but periods start at midnight in Vietnam (UTC+7): a year
-- or a month from its first day began seven hours before the end of the previous UTC month, so the walk read all of
-- that month's late dossiers (2,700 for the province on a million dossiers) to keep the few finished in those seven
-- hours. Split by the month in Vietnam instead, the months of a period are whole; 0015's index goes. Both built and
-- dropped concurrently: finishing dossiers go on meanwhile.
create index concurrently if not exists dossier_late_by_local_month
    on dossier_late (unit_code, (date_trunc('month', finished_at at time zone 'Asia/Ho_Chi_Minh')), due_at, dossier_id) include (finished_at);
drop index concurrently if exists dossier_late_by_month;
