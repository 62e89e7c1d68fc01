-- The due-work job may overlap itself (its sweeps claim rows with SKIP LOCKED): a node killed mid-sweep must not
-- leave the trigger blocked until the cluster recovers it. Databases created before this change stored the job as
-- non-concurrent; clear that flag and release any trigger left blocked by it.
update qrtz_job_details set is_nonconcurrent = false where job_name = 'due-work';
update qrtz_triggers set trigger_state = 'WAITING' where job_name = 'due-work' and trigger_state = 'BLOCKED';
