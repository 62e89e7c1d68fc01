-- The "available" inbox is a union of indexed branches (unit + role, role anywhere, named candidate, candidate
-- group), each read in due order from its own index instead of filtering every open task by an OR.
create index tasks_open_candidate_users on tasks using gin (candidate_users) where status = 'open';
create index tasks_open_candidate_groups on tasks using gin (candidate_groups) where status = 'open';
create index tasks_open_unit_due on tasks (unit_code, due_at) where status = 'open';
