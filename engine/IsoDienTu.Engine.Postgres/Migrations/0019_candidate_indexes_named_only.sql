-- migration: no transaction
-- 0005 indexed every open step's candidate users and groups with GIN, although almost every step is assigned by unit
-- and role and names none: each new step added an "empty" entry to the GIN's pending list (its fast-update buffer),
-- and every inbox read scans that whole list until a vacuum folds it in. On a million dossiers, a day after the last
-- vacuum, the list held 20,000 entries and each of the inbox's two candidate branches spent 1.1 ms on it to find
-- nothing. The new indexes hold only steps that name candidates (the inbox asks for those explicitly) and are updated
-- in place (fastupdate off), so a read never walks a backlog. Built and dropped concurrently: steps go on meanwhile.
create index concurrently if not exists tasks_open_named_candidate_users on tasks using gin (candidate_users)
    with (fastupdate = off) where status = 'open' and cardinality(candidate_users) > 0;
create index concurrently if not exists tasks_open_named_candidate_groups on tasks using gin (candidate_groups)
    with (fastupdate = off) where status = 'open' and cardinality(candidate_groups) > 0;
drop index concurrently if exists tasks_open_candidate_users;
drop index concurrently if exists tasks_open_candidate_groups;
