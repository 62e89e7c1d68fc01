-- The reads officers and supervisors wait on, measured on a million dossiers (tests/bench/million.sh): each is served
-- by an index holding its filter and its order (and the ids it returns), so its cost follows the rows it returns
-- rather than the number of open steps. Indexes these supersede are dropped: every index on tasks is paid for by
-- the completion path.

-- "Available": a unit and role's unclaimed open steps in due order (TaskService, the unit + role branches).
create index tasks_open_available on tasks (unit_code, role, due_at, id) where status = 'open' and assignee is null;
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

-- Notifications to a role, of one unit or of every unit (unit_code null), newest first.
create index notifications_role on notifications (role, unit_code, created_at desc, id desc) where username is null;
drop index notifications_unit;
