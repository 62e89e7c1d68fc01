-- The reads officers and supervisors wait on, measured on a million dossiers (tests/bench/million.sh): each is served
-- by an index holding its filter and its order (and the ids it returns), so its cost follows the rows it returns
-- rather than the number of open steps. Indexes these supersede are dropped: every index on tasks is paid for by
-- the completion path.

-- "Available": a unit and role's unclaimed open steps in due order (TaskService, the unit + role branch), and a
-- role's steps of no unit (a separate index: "unit_code is null" does not let an index on it return due order).
create index tasks_open_available on tasks (unit_code, role, due_at, id) where status = 'open' and assignee is null;
create index tasks_open_available_anywhere on tasks (role, due_at, id) where status = 'open' and assignee is null and unit_code is null;
drop index tasks_open_unit;

-- "Assigned": an officer's open steps; with the id, the top 500 are picked from the index alone.
create index tasks_open_assignee_due on tasks (assignee, due_at, id) where status = 'open';
drop index tasks_open_assignee;

-- A unit's open steps in due order: the "unit" inbox, the overdue and due-soon lists of a narrow scope.
create index tasks_open_unit_due_id on tasks (unit_code, due_at, id) where status = 'open';
drop index tasks_open_unit_due;

-- All open steps in due order with their unit, for wide scopes (a province's supervisor), read from the index alone.
create index tasks_open_due_unit on tasks (due_at, id) include (unit_code) where status = 'open';
drop index tasks_open_due;

-- "Has this dossier an open step in these units?" (overdue dossiers) without visiting the tasks heap.
create index tasks_open_dossier_unit on tasks (dossier_id, unit_code) where status = 'open';

-- Open dossiers in due order with their unit, so the overdue list picks its rows from the index alone.
create index dossiers_open_due_unit on dossiers (due_at, id) include (unit_code) where finished_at is null;
drop index dossiers_open_due;

-- Notifications to a role in one unit, and to a role in every unit (unit_code null, its own index for the same
-- reason as above), newest first.
create index notifications_role_unit on notifications (role, unit_code, created_at desc, id desc) where username is null and unit_code is not null;
create index notifications_role_all on notifications (role, created_at desc, id desc) where username is null and unit_code is null;
drop index notifications_unit;
