-- While its statutory clock is stopped (0020) a dossier is not late, in the Biểu 06 report either: it is "in progress
-- within the deadline" at the end of a period, whatever its old due time, until the clock runs again (its due time
-- then moved on or counted afresh, 0022). A dossier's "past due" row on the received side is there only while its clock
-- runs; the trigger of 0025 moves it as the clock stops and runs. Here: the view the rebuild and
-- each scope's entry read, and the rows of the dossiers waiting now taken out.
create or replace view dossier_contributions as
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
    ('r', case when k.due_day is not null and d.clock_stopped_at is null then greatest(k.received_day, k.due_day) end, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0),
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

insert into dossier_count_events (unit_code, day, definition_key, definition_version, due_passed_received)
select s.unit_code,
       greatest((d.received_at at time zone 'Asia/Ho_Chi_Minh')::date, (coalesce(d.original_due_at, d.due_at) at time zone 'Asia/Ho_Chi_Minh')::date),
       d.definition_key, d.definition_version, -count(*)::int
from dossiers d join dossier_scopes s on s.dossier_id = d.id
where d.clock_stopped_at is not null and d.finished_at is null and d.parent_dossier_id is null
  and coalesce(d.original_due_at, d.due_at) is not null
group by 1, 2, 3, 4
order by 1, 2, 3, 4;
