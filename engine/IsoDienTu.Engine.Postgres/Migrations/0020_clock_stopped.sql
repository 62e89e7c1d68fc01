-- A dossier whose statutory clock is stopped (waiting for the applicant's supplement, for the tax authority, a public
-- display period: domain notes §1.7–1.8) is not late while it waits: its due time is moved or counted afresh when the
-- clock runs again. Until now the overdue lists and the dashboard still showed such a dossier as past due once its
-- old due time had gone by, which sent supervisors after dossiers that are with the applicant (1,579 of the 1,598
-- "overdue" open dossiers on the benchmark's million). The dossier row now carries when its clock stopped (the state's
-- clock.pausedSince, written with the state), and a scope row's open due time is set only while the clock runs.
alter table dossiers add column clock_stopped_at timestamptz;

update dossiers set clock_stopped_at = (state -> 'clock' ->> 'pausedSince')::timestamptz
where finished_at is null and state -> 'clock' ->> 'pausedSince' is not null;

create or replace function dossier_scope_open_due() returns trigger language plpgsql as $$
begin
    new.open_due_at := (select d.due_at from dossiers d where d.id = new.dossier_id and d.finished_at is null and d.clock_stopped_at is null);
    return new;
end $$;

create or replace function dossier_open_due_changed() returns trigger language plpgsql as $$
begin
    update dossier_scopes set open_due_at = case when new.finished_at is null and new.clock_stopped_at is null then new.due_at end
    where dossier_id = new.id;
    return null;
end $$;

drop trigger dossiers_open_due on dossiers;
create trigger dossiers_open_due after update of due_at, finished_at, clock_stopped_at on dossiers
    for each row when (old.due_at is distinct from new.due_at or old.finished_at is distinct from new.finished_at
                       or old.clock_stopped_at is distinct from new.clock_stopped_at)
    execute function dossier_open_due_changed();

create or replace function fill_dossier_scopes_open_due() returns void language sql as $$
    update dossier_scopes s set open_due_at = d.due_at
    from dossiers d where d.id = s.dossier_id and d.finished_at is null and d.clock_stopped_at is null and d.due_at is not null
$$;

update dossier_scopes s set open_due_at = null
from dossiers d where d.id = s.dossier_id and d.clock_stopped_at is not null and s.open_due_at is not null;
