-- migration: no transaction
-- 0021's index of the open dossiers whose clock runs replaced 0007's index of all open dossiers in due order, whose one
-- reader was the overdue list. A dossier row rarely stays on its page when a step rewrites it (its state is large), so
-- every index on dossiers takes an entry per step: the two together cost a completion 0.25–0.3 ms more of PostgreSQL
-- (568–598 completions/s against 694–713 for the commit before 0021, side by side). Dropped concurrently.
drop index concurrently if exists dossiers_open_due_unit;
