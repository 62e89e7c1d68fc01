-- Two of the dossier triggers cost every step more than their work (profiled with pg_stat_statements and
-- auto_explain on the completion benchmark; BENCHMARKS.md "Write path, sixth session").
--
-- 1. A new scope row read its dossier's open due time (0016, 0020) with the predicates of 0021's partial index
--    (finished_at is null and clock_stopped_at is null), so the planner could take that index, led by due_at, and walk
--    all of it for one id: planned while dossiers was nearly empty (a new database), every reception then read every
--    running dossier's index entry, twice (0.6 ms per scope row on 8,000 dossiers, growing with them). The row is now
--    read by its id alone, which only the primary key serves, and the conditions applied after.
create or replace function dossier_scope_open_due() returns trigger language plpgsql as $$
declare
    d record;
begin
    select due_at, finished_at, clock_stopped_at into d from dossiers where id = new.dossier_id;
    new.open_due_at := case when d.finished_at is null and d.clock_stopped_at is null then d.due_at end;
    return new;
end $$;

-- 2. The engine's update names due_at, original_due_at and clock_stopped_at on every step, so 0025's trigger
--    condition computed both judged days (two time-zone conversions each) on every update of a dossier, most of which
--    change none of the three. The plain comparison of the columns now goes first.
drop trigger dossiers_judged_due on dossiers;
create trigger dossiers_judged_due after update of due_at, original_due_at, clock_stopped_at on dossiers
    for each row when (new.parent_dossier_id is null
        and (old.due_at is distinct from new.due_at
             or old.original_due_at is distinct from new.original_due_at
             or old.clock_stopped_at is distinct from new.clock_stopped_at)
        and dossier_judged_day(old.received_at, old.original_due_at, old.due_at, old.clock_stopped_at)
            is distinct from dossier_judged_day(new.received_at, new.original_due_at, new.due_at, new.clock_stopped_at))
    execute function dossier_judged_due_moved();
