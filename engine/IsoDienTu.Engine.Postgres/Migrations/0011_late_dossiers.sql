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

-- The engine appends its count changes here instead of updating dossier_counts in the step's transaction: every
-- reception and finish of a procedure on one day would otherwise update the same rows and hold them to commit (half
-- the completions per second on one procedure). Insert-only, so no row locks; folded into dossier_counts by the
-- reads (fold_dossier_counts), which also add what is not yet folded.
create table dossier_count_events (like dossier_counts including defaults);
create index dossier_count_events_scope on dossier_count_events (unit_code, day);

-- Moves the appended changes into dossier_counts; one folder at a time (the others read both tables meanwhile).
create function fold_dossier_counts() returns void language plpgsql as $$
begin
    if not pg_try_advisory_xact_lock(1234567011) then
        return;
    end if;
    with moved as (delete from dossier_count_events returning *)
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
        due_passed_finished = dossier_counts.due_passed_finished + excluded.due_passed_finished;
end $$;

-- The rebuild of 0010 (scopes and counts) stays as it is under another name; the rebuild now also empties the
-- unfolded changes and refills the late lists.
alter function rebuild_dossier_counts() rename to rebuild_dossier_scopes_and_counts;

-- Every finished-late dossier in the late list of each of its scopes.
create function fill_dossier_late() returns void language sql as $$
    insert into dossier_late (unit_code, due_at, dossier_id, finished_at)
    select s.unit_code, d.due_at, d.id, d.finished_at
    from dossier_scopes s join dossiers d on d.id = s.dossier_id
    where d.finished_at > coalesce(d.original_due_at, d.due_at)
    order by 1, 2, 3
$$;

create function rebuild_dossier_counts() returns void language plpgsql as $$
begin
    truncate dossier_late, dossier_count_events;
    perform rebuild_dossier_scopes_and_counts();
    perform fill_dossier_late();
end $$;

-- 0010 built the scopes and counts already; only the late lists are new.
select fill_dossier_late();
