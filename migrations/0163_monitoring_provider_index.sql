-- The providers' own figures read the answer times of the providers around them (issue 16, dashboard speed).
create index request_facts_provider on request_facts (provider_id, created_at);
