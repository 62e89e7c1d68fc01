-- The statistics now judge a dossier against its statutory due time as the clock moved it (a stop, a supplement that
-- counted the time afresh), no longer against the first due time it ever had; an apology's appointment still never
-- counts. Open dossiers whose clock has moved since their first due time take the statutory one from their state, and
-- their "past due" count moves from the old due day to the new one (as the trigger of 0025 does for every change
-- from now on). Finished dossiers keep the figures they were reported with.
with moved as (
    update dossiers d set original_due_at = o.statutory
    from (select id, original_due_at as before, (state -> 'clock' ->> 'dueAt')::timestamptz as statutory
          from dossiers
          where finished_at is null and original_due_at is not null and state -> 'clock' ->> 'dueAt' is not null
            and original_due_at <> (state -> 'clock' ->> 'dueAt')::timestamptz) o
    where d.id = o.id
    returning d.id, o.before, o.statutory, d.received_at, d.definition_key, d.definition_version)
insert into dossier_count_events (unit_code, day, definition_key, definition_version, due_passed_received)
select s.unit_code, x.day, m.definition_key, m.definition_version, sum(x.n)
from moved m join dossier_scopes s on s.dossier_id = m.id
cross join lateral (values
    (greatest((m.received_at at time zone 'Asia/Ho_Chi_Minh')::date, (m.before at time zone 'Asia/Ho_Chi_Minh')::date), -1),
    (greatest((m.received_at at time zone 'Asia/Ho_Chi_Minh')::date, (m.statutory at time zone 'Asia/Ho_Chi_Minh')::date), 1)
) x (day, n)
group by 1, 2, 3, 4
having sum(x.n) <> 0
order by 1, 2, 3, 4;
