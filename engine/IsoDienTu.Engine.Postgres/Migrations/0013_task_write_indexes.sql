-- migration: no transaction
-- Every step writes task rows, and each index of tasks is one more entry per written row version. tasks_dossier
-- (dossier_id) duplicates the leading column of tasks_dossier_id_local_id_key (dossier_id, local_id), which serves
-- the same lookups. Dropped concurrently: writes go on while it goes.
drop index concurrently if exists tasks_dossier;
