-- The dashboard's open steps "overdue" and "due soon", counted per unit, officer and procedure without reading the
-- steps: on a million dossiers the open steps past their reminder are tens of thousands, and grouping them on every
-- dashboard read cost 100–200 ms. A step's due state is kept on its row instead, set by the service's own watches on
-- it (DueWorkProcessor: the step reminder sets due_soon, the step's due time sets overdue), and every change of an
-- open flagged step — flagged, completed, cancelled, claimed, released, reassigned — appends its count change.
alter table tasks add column due_soon boolean not null default false;

create table step_due_counts (
    unit_code text not null,  -- '' for a step without a unit
    assignee  text not null,  -- '' for a step nobody has claimed
    procedure text not null,  -- the dossier's definition key
    due_soon  int not null default 0,
    overdue   int not null default 0,
    primary key (unit_code, assignee, procedure)
);

-- Insert-only, as dossier_count_events (0011): no step waits on a shared count row. Folded by the due-work tick and
-- by the reads (fold_step_due_counts), which add what is not folded yet.
create table step_due_events (like step_due_counts including defaults);

create function fold_step_due_counts() returns void language plpgsql as $$
begin
    if not pg_try_advisory_xact_lock(1234567014) then
        return;
    end if;
    with moved as (delete from step_due_events returning *)
    insert into step_due_counts
    select unit_code, assignee, procedure, sum(due_soon), sum(overdue)
    from moved group by 1, 2, 3 order by 1, 2, 3
    on conflict (unit_code, assignee, procedure) do update set
        due_soon = step_due_counts.due_soon + excluded.due_soon,
        overdue = step_due_counts.overdue + excluded.overdue;
    delete from step_due_counts where due_soon = 0 and overdue = 0;
end $$;

-- A flagged open step counts once: as overdue when overdue, else as due soon.
create function step_due_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and (old.status, old.overdue, old.due_soon, old.unit_code, old.assignee)
        is not distinct from (new.status, new.overdue, new.due_soon, new.unit_code, new.assignee) then
        return null;
    end if;
    if tg_op = 'UPDATE' and old.status = 'open' and (old.overdue or old.due_soon) then
        insert into step_due_events (unit_code, assignee, procedure, due_soon, overdue)
        select coalesce(old.unit_code, ''), coalesce(old.assignee, ''), d.definition_key, -(not old.overdue)::int, -(old.overdue)::int
        from dossiers d where d.id = old.dossier_id;
    end if;
    if new.status = 'open' and (new.overdue or new.due_soon) then
        insert into step_due_events (unit_code, assignee, procedure, due_soon, overdue)
        select coalesce(new.unit_code, ''), coalesce(new.assignee, ''), d.definition_key, (not new.overdue)::int, (new.overdue)::int
        from dossiers d where d.id = new.dossier_id;
    end if;
    return null;
end $$;

-- Everything recounted from the steps (the migration's backfill; after a repair of tasks by hand).
create function rebuild_step_due_counts() returns void language plpgsql as $$
begin
    perform pg_advisory_xact_lock(1234567014);
    delete from step_due_events;
    delete from step_due_counts;
    insert into step_due_counts
    select coalesce(t.unit_code, ''), coalesce(t.assignee, ''), d.definition_key,
           count(*) filter (where not t.overdue), count(*) filter (where t.overdue)
    from tasks t join dossiers d on d.id = t.dossier_id
    where t.status = 'open' and (t.overdue or t.due_soon)
    group by 1, 2, 3;
end $$;

-- The state of the steps open now: a step created already past its due time gets no watches and is overdue from the
-- start; a watched step is due soon once its reminder has fired (its reminder is no longer pending).
update tasks set overdue = true
where status = 'open' and not overdue and due_at is not null and due_at <= created_at;
update tasks t set due_soon = true
where t.status = 'open' and not t.overdue and t.due_at is not null
  and not exists (select 1 from timers x where x.task_id = t.id and x.status = 'pending' and x.kind = 'step_reminder');

-- Only rows whose flags or owner change can change a count; the WHEN clauses keep every other step write free of the
-- function call.
create trigger tasks_step_due_insert after insert on tasks for each row
    when (new.status = 'open' and (new.overdue or new.due_soon))
    execute function step_due_changed();
create trigger tasks_step_due_update after update of status, overdue, due_soon, unit_code, assignee on tasks for each row
    when ((old.status = 'open' and (old.overdue or old.due_soon)) or (new.status = 'open' and (new.overdue or new.due_soon)))
    execute function step_due_changed();

select rebuild_step_due_counts();

-- The dashboard's list of flagged steps in due order: everything (or a wide scope) walks the first, a narrow scope
-- each of its units in the second. Both hold only the flagged open steps.
create index tasks_flagged_due on tasks (due_at, id) include (unit_code, assignee, dossier_id)
    where status = 'open' and (overdue or due_soon);
create index tasks_flagged_unit_due on tasks (unit_code, due_at, id) include (assignee, dossier_id)
    where status = 'open' and (overdue or due_soon);
