-- Counts behind the supervisor dashboard and the Biểu 06 report, kept per unit scope, local day (Asia/Ho_Chi_Minh)
-- and procedure version as dossiers are received, finished, apologised, rated and digitised (DossierCounts.cs), and
-- summed over the period at read time: aggregating every dossier of the period took seconds on a million dossiers.

-- The scopes each top-level dossier counts in: '' (the whole service), and every unit it has passed through (its own
-- unit, the unit of any of its steps) with that unit's ancestors, once each, so a dossier that visited two communes
-- of a district counts once for the district. Written when the dossier is received and when a step opens in a unit
-- it has not been in.
create table dossier_scopes (
    dossier_id bigint not null,
    unit_code  text not null,
    primary key (dossier_id, unit_code)
);

-- Sums over a scope's rows with day < the period's end (and >= its start for the "in the period" figures). Figures
-- about dossiers alive during a period (carried over, in progress, apologised, rated) are differences of such sums:
-- the "received" side is counted on the dossier's reception day, the "finished" side on its finishing day.
create table dossier_counts (
    unit_code           text not null,
    day                 date not null,
    definition_key      text not null,
    definition_version  int not null,
    -- on the reception day
    received            int not null default 0,
    received_online     int not null default 0,
    digitised           int not null default 0, -- with at least one scanned document
    apologised_received int not null default 0,
    rated_received      int not null default 0,
    score_received      int not null default 0,
    -- on the later of the reception day and the due day: received and past due by the end of that day
    due_passed_received int not null default 0,
    -- on the finishing day, against the original due time (StepResult: early / on time / late)
    finished            int not null default 0,
    finished_early      int not null default 0,
    finished_on_time    int not null default 0,
    finished_late       int not null default 0,
    apologised_finished int not null default 0,
    rated_finished      int not null default 0,
    score_finished      int not null default 0,
    -- on the later of the finishing day and the due day
    due_passed_finished int not null default 0,
    primary key (unit_code, day, definition_key, definition_version)
);

-- A unit and its ancestors (the scopes a step in this unit counts the dossier in); a code missing from units has none.
create function unit_ancestors(code text) returns setof text language sql stable as $$
    with recursive up (code, parent_code) as (
        select u.code, u.parent_code from units u where u.code = unit_ancestors.code
        union
        select p.code, p.parent_code from units p join up on p.code = up.parent_code)
    select code from up
$$;

-- What one top-level dossier adds to each of its scopes, as it stands: up to four (side, day) rows.
create view dossier_contributions as
select d.id as dossier_id, x.side, x.day, d.definition_key, d.definition_version,
       x.received, x.received_online, x.digitised, x.apologised_received, x.rated_received, x.score_received, x.due_passed_received,
       x.finished, x.finished_early, x.finished_on_time, x.finished_late, x.apologised_finished, x.rated_finished, x.score_finished,
       x.due_passed_finished
from dossiers d
left join dossier_ratings r on r.dossier_id = d.id
cross join lateral (select
    (d.received_at at time zone 'Asia/Ho_Chi_Minh')::date as received_day,
    (d.finished_at at time zone 'Asia/Ho_Chi_Minh')::date as finished_day,
    (coalesce(d.original_due_at, d.due_at) at time zone 'Asia/Ho_Chi_Minh')::date as due_day,
    coalesce(d.original_due_at, d.due_at) as due,
    (d.apology_count > 0)::int as apologised,
    (r.score is not null)::int as rated,
    coalesce(r.score, 0) as score) k
cross join lateral (values
    ('r', k.received_day, 1, (d.channel = 'online')::int, (exists (select 1 from dossier_documents dd where dd.dossier_id = d.id))::int,
        k.apologised, k.rated, k.score, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    ('r', case when k.due_day is not null then greatest(k.received_day, k.due_day) end, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0),
    ('f', k.finished_day, 0, 0, 0, 0, 0, 0, 0, 1,
        coalesce((d.finished_at <= k.due and k.finished_day < k.due_day)::int, 0),
        coalesce((k.due is null or (d.finished_at <= k.due and k.finished_day >= k.due_day))::int, 0),
        coalesce((d.finished_at > k.due)::int, 0),
        k.apologised, k.rated, k.score, 0),
    ('f', case when k.due_day is not null and k.finished_day is not null then greatest(k.finished_day, k.due_day) end,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)
) x (side, day, received, received_online, digitised, apologised_received, rated_received, score_received, due_passed_received,
     finished, finished_early, finished_on_time, finished_late, apologised_finished, rated_finished, score_finished, due_passed_finished)
where d.parent_dossier_id is null and x.day is not null;

-- Rebuilds both tables from the dossiers, set-based: run here for an existing database, and by loaders that write
-- dossiers without the engine (tests/bench/load-million.sql). Also the remedy after units are re-parented, since a
-- dossier's scopes follow the unit tree of the time it entered them.
create function rebuild_dossier_counts() returns void language plpgsql as $$
begin
    truncate dossier_scopes, dossier_counts;
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
    -- A scope's history lies together on disk, so a period's sums read few pages.
    order by 1, 2, 3, 4;
end $$;

select rebuild_dossier_counts();
