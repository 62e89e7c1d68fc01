-- The dashboard's figures of a period sum a scope's counts of every day before the period's end (the dossiers alive
-- during the period are those received before its end less those finished before its start). Kept per procedure and
-- version, that was 8,000 rows for the province's year to date on a million dossiers (5 ms, growing with the years
-- kept) although the dashboard never splits by procedure. dossier_day_counts keeps the same sums per scope and day,
-- all procedures together (about a tenth of the rows); fold_dossier_counts moves the appended changes into both tables
-- in one statement and the rebuild refills both, so they cannot drift apart. The Biểu 06 report, which is per
-- procedure, still reads dossier_counts.

-- The same counts as dossier_counts without the procedure and its version.
create table dossier_day_counts (like dossier_counts including defaults);
alter table dossier_day_counts drop column definition_key, drop column definition_version, add primary key (unit_code, day);

create or replace function fold_dossier_counts() returns void language plpgsql as $$
begin
    if not pg_try_advisory_xact_lock(1234567011) then
        return;
    end if;
    with moved as (delete from dossier_count_events returning *),
    by_procedure as (
        insert into dossier_counts
        select unit_code, day, definition_key, definition_version,
           sum(received), sum(received_online), sum(digitised), sum(apologised_received), sum(rated_received),
           sum(score_received), sum(due_passed_received), sum(finished), sum(finished_early), sum(finished_on_time),
           sum(finished_late), sum(apologised_finished), sum(rated_finished), sum(score_finished), sum(due_passed_finished)
        from moved group by 1, 2, 3, 4 order by 1, 2, 3, 4
        on conflict (unit_code, day, definition_key, definition_version) do update set
        received = dossier_counts.received + excluded.received,
        received_online = dossier_counts.received_online + excluded.received_online,
        digitised = dossier_counts.digitised + excluded.digitised,
        apologised_received = dossier_counts.apologised_received + excluded.apologised_received,
        rated_received = dossier_counts.rated_received + excluded.rated_received,
        score_received = dossier_counts.score_received + excluded.score_received,
        due_passed_received = dossier_counts.due_passed_received + excluded.due_passed_received,
        finished = dossier_counts.finished + excluded.finished,
        finished_early = dossier_counts.finished_early + excluded.finished_early,
        finished_on_time = dossier_counts.finished_on_time + excluded.finished_on_time,
        finished_late = dossier_counts.finished_late + excluded.finished_late,
        apologised_finished = dossier_counts.apologised_finished + excluded.apologised_finished,
        rated_finished = dossier_counts.rated_finished + excluded.rated_finished,
        score_finished = dossier_counts.score_finished + excluded.score_finished,
        due_passed_finished = dossier_counts.due_passed_finished + excluded.due_passed_finished)
    insert into dossier_day_counts
    select unit_code, day,
           sum(received), sum(received_online), sum(digitised), sum(apologised_received), sum(rated_received),
           sum(score_received), sum(due_passed_received), sum(finished), sum(finished_early), sum(finished_on_time),
           sum(finished_late), sum(apologised_finished), sum(rated_finished), sum(score_finished), sum(due_passed_finished)
    from moved group by 1, 2 order by 1, 2
    on conflict (unit_code, day) do update set
        received = dossier_day_counts.received + excluded.received,
        received_online = dossier_day_counts.received_online + excluded.received_online,
        digitised = dossier_day_counts.digitised + excluded.digitised,
        apologised_received = dossier_day_counts.apologised_received + excluded.apologised_received,
        rated_received = dossier_day_counts.rated_received + excluded.rated_received,
        score_received = dossier_day_counts.score_received + excluded.score_received,
        due_passed_received = dossier_day_counts.due_passed_received + excluded.due_passed_received,
        finished = dossier_day_counts.finished + excluded.finished,
        finished_early = dossier_day_counts.finished_early + excluded.finished_early,
        finished_on_time = dossier_day_counts.finished_on_time + excluded.finished_on_time,
        finished_late = dossier_day_counts.finished_late + excluded.finished_late,
        apologised_finished = dossier_day_counts.apologised_finished + excluded.apologised_finished,
        rated_finished = dossier_day_counts.rated_finished + excluded.rated_finished,
        score_finished = dossier_day_counts.score_finished + excluded.score_finished,
        due_passed_finished = dossier_day_counts.due_passed_finished + excluded.due_passed_finished;
end $$;

create function fill_dossier_day_counts() returns void language sql as $$
    insert into dossier_day_counts
    select unit_code, day,
           sum(received), sum(received_online), sum(digitised), sum(apologised_received), sum(rated_received),
           sum(score_received), sum(due_passed_received), sum(finished), sum(finished_early), sum(finished_on_time),
           sum(finished_late), sum(apologised_finished), sum(rated_finished), sum(score_finished), sum(due_passed_finished)
    from dossier_counts group by 1, 2 order by 1, 2
$$;

-- The rebuild refills the scopes set-based; their open due times (0016) are set in one pass after it rather than by
-- the insert trigger row by row (4.4 million trigger calls on a million dossiers).
create or replace function rebuild_dossier_counts() returns void language plpgsql as $$
begin
    truncate dossier_late, dossier_count_events, dossier_day_counts;
    alter table dossier_scopes disable trigger dossier_scopes_open_due;
    perform rebuild_dossier_scopes_and_counts();
    alter table dossier_scopes enable trigger dossier_scopes_open_due;
    perform fill_dossier_scopes_open_due();
    perform fill_dossier_late();
    perform fill_dossier_day_counts();
end $$;

-- The changes appended meanwhile stay in dossier_count_events, which the reads add and the next fold moves into both.
select fill_dossier_day_counts();
