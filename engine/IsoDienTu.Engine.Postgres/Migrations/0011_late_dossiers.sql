-- The dashboard's "late dossiers" list: besides the open overdue ones, those finished late in the period, in due
-- order. Found among every dossier finished in the period it cost 0.6–0.8 s on a million dossiers; kept here instead,
-- one row per scope of the dossier (dossier_scopes), written when a dossier finishes late (DossierCounts.FinishedCte),
-- so a scope's list is one ordered index range.
create table dossier_late (
    unit_code   text not null,
    due_at      timestamptz not null,
    dossier_id  bigint not null,
    finished_at timestamptz not null,
    primary key (unit_code, due_at, dossier_id) include (finished_at)
);

create or replace function rebuild_dossier_counts() returns void language plpgsql as $$
begin
    truncate dossier_scopes, dossier_counts, dossier_late;
    insert into dossier_scopes (dossier_id, unit_code)
    with recursive up (code, ancestor) as (
        select code, code from units
        union
        select up.code, p.parent_code from up join units p on p.code = up.ancestor where p.parent_code is not null),
    visited as (
        select t.dossier_id, t.unit_code from tasks t where t.unit_code is not null
        union
        select d.id, d.unit_code from dossiers d where d.unit_code is not null)
    select d.id, '' from dossiers d where d.parent_dossier_id is null
    union
    select v.dossier_id, up.ancestor from visited v join up on up.code = v.unit_code join dossiers d on d.id = v.dossier_id
    where d.parent_dossier_id is null;

    insert into dossier_counts
    select s.unit_code, c.day, c.definition_key, c.definition_version,
           sum(c.received), sum(c.received_online), sum(c.digitised), sum(c.apologised_received), sum(c.rated_received),
           sum(c.score_received), sum(c.due_passed_received), sum(c.finished), sum(c.finished_early), sum(c.finished_on_time),
           sum(c.finished_late), sum(c.apologised_finished), sum(c.rated_finished), sum(c.score_finished), sum(c.due_passed_finished)
    from dossier_scopes s join dossier_contributions c on c.dossier_id = s.dossier_id
    group by 1, 2, 3, 4
    order by 1, 2, 3, 4;

    insert into dossier_late (unit_code, due_at, dossier_id, finished_at)
    select s.unit_code, d.due_at, d.id, d.finished_at
    from dossier_scopes s join dossiers d on d.id = s.dossier_id
    where d.finished_at > coalesce(d.original_due_at, d.due_at)
    order by 1, 2, 3;
end $$;

insert into dossier_late (unit_code, due_at, dossier_id, finished_at)
select s.unit_code, d.due_at, d.id, d.finished_at
from dossier_scopes s join dossiers d on d.id = s.dossier_id
where d.finished_at > coalesce(d.original_due_at, d.due_at)
order by 1, 2, 3;
