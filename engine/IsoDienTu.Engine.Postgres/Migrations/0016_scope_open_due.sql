-- The dashboard lists a scope's open dossiers past their due time. Walked in the open dossiers' due order and probed
-- in each one's scopes, a commune's list read every open late dossier of the province (1,600 probes, 10 ms on a
-- million dossiers) to find its five. Each scope row now carries its dossier's due time while the dossier is open
-- (null once it has finished; only top-level dossiers have scopes), so a scope's open late dossiers are one range of
-- dossier_scopes_open_due. Kept by triggers, so no writer of dossiers or of scopes can forget it: a new scope row takes
-- the dossier's value; a change of a dossier's due time or end is copied to its scope rows (a handful of rows, once
-- per dossier end and per change of its due time).
alter table dossier_scopes add column open_due_at timestamptz;

create function dossier_scope_open_due() returns trigger language plpgsql as $$
begin
    new.open_due_at := (select d.due_at from dossiers d where d.id = new.dossier_id and d.finished_at is null);
    return new;
end $$;

create trigger dossier_scopes_open_due before insert on dossier_scopes
    for each row execute function dossier_scope_open_due();

create function dossier_open_due_changed() returns trigger language plpgsql as $$
begin
    update dossier_scopes set open_due_at = case when new.finished_at is null then new.due_at end
    where dossier_id = new.id;
    return null;
end $$;

create trigger dossiers_open_due after update of due_at, finished_at on dossiers
    for each row when (old.due_at is distinct from new.due_at or old.finished_at is distinct from new.finished_at)
    execute function dossier_open_due_changed();

-- Every scope row of an open dossier at once (here, and after the rebuild of the scopes, which turns the trigger off).
create function fill_dossier_scopes_open_due() returns void language sql as $$
    update dossier_scopes s set open_due_at = d.due_at
    from dossiers d where d.id = s.dossier_id and d.finished_at is null and d.due_at is not null
$$;

select fill_dossier_scopes_open_due();

create index dossier_scopes_open_due on dossier_scopes (unit_code, open_due_at, dossier_id) where open_due_at is not null;
