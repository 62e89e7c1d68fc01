-- A dossier's "past due" count on the received side sits on the later of its reception day and the day of the due
-- time it is judged against (dossier_contributions): coalesce(original_due_at, due_at), none while its clock is stopped.
-- That time moves when the clock stops or runs again (0022, 0023), and when an apology gives a dossier without a
-- deadline its first due time. The engine step and the apology each moved the count by hand, restating the view's
-- rule in C#; a trigger now moves it whenever the row's judged due time changes, whoever writes the row (as 0016's
-- trigger keeps the scopes' open due times), in the same statement. A scope entered later counts the row as it is then.
create function dossier_judged_day(received_at timestamptz, original_due_at timestamptz, due_at timestamptz, clock_stopped_at timestamptz)
    returns date language sql immutable as $$
    select case when clock_stopped_at is null and coalesce(original_due_at, due_at) is not null
                then greatest((received_at at time zone 'Asia/Ho_Chi_Minh')::date,
                              (coalesce(original_due_at, due_at) at time zone 'Asia/Ho_Chi_Minh')::date) end
$$;

create function dossier_judged_due_moved() returns trigger language plpgsql as $$
begin
    insert into dossier_count_events (unit_code, day, definition_key, definition_version, due_passed_received)
    select s.unit_code, x.day, new.definition_key, new.definition_version, sum(x.n)
    from dossier_scopes s
    cross join lateral (values
        (dossier_judged_day(old.received_at, old.original_due_at, old.due_at, old.clock_stopped_at), -1),
        (dossier_judged_day(new.received_at, new.original_due_at, new.due_at, new.clock_stopped_at), 1)
    ) x (day, n)
    where s.dossier_id = new.id and x.day is not null
    group by 1, 2, 3, 4
    having sum(x.n) <> 0
    order by 1, 2, 3, 4;
    return null;
end $$;

create trigger dossiers_judged_due after update of due_at, original_due_at, clock_stopped_at on dossiers
    for each row when (new.parent_dossier_id is null
        and dossier_judged_day(old.received_at, old.original_due_at, old.due_at, old.clock_stopped_at)
            is distinct from dossier_judged_day(new.received_at, new.original_due_at, new.due_at, new.clock_stopped_at))
    execute function dossier_judged_due_moved();
