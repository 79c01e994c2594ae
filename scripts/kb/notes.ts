/**
 * Our own notes for life events where Kong's CHANGELOG, docs and code disagree
 * (kong-facts README "Discrepancies"). Key: "<property>|<kind>|<version>"; the version is
 * compared numerically, so "3.2.1.0" matches "3.2.1". Written in our words.
 */
export const EVENT_NOTES: Record<string, string> = {
  'client_body_buffer_size|removed|3.0.0':
    'Kong 3.x still lists this name in its runtime defaults, so a value is read without a warning, but it no longer feeds anything; use nginx_http_client_body_buffer_size (the changelog misspells that replacement).',
  'upstream_keepalive|removed|3.0.0':
    'The changelog points to nginx_upstream_keepalive / nginx_http_upstream_keepalive, which were removed in the same release; the setting that still works is upstream_keepalive_pool_size.',
  'nginx_optimizations|deprecated|2.0.0': 'The 2.0.0 changelog calls this a removal, yet 2.0.0 to 2.8.x still read the name (with a deprecation warning); it really disappears in 3.0.0.',
  'allow_debug_header|added|3.2.0': 'The changelog files this under 3.1.0 breaking changes, but no 3.1 tag has the property; it first ships in 3.2.0 (Enterprise 3.2.1.0).',
  'upstream_keepalive_pool_size|default_changed|3.4.1': 'Announced in the 3.5.0 changelog, but the new default already ships in the 3.4.1 patch.',
  'upstream_keepalive_max_requests|default_changed|3.4.1': 'Announced in the 3.5.0 changelog, but the new default already ships in the 3.4.1 patch.',
  'nginx_http_keepalive_requests|added|3.4.1': 'Arrives in the 3.4.1 patch together with the keepalive default changes; no 3.4.1 changelog entry mentions it.',
  'proxy_stream_access_log|added|2.4.1': 'The changelog announces it for 2.5.0, but the 2.4.1 patch already has it.',
  'proxy_stream_error_log|added|2.4.1': 'The changelog announces it for 2.5.0, but the 2.4.1 patch already has it.',
  'router_consistency|no_longer_accepted|2.1.0':
    'Called a rename in the changelog, but from 2.1.0 the loader no longer reads this name at all: a value is silently ignored instead of being copied to worker_consistency.',
  'router_update_frequency|no_longer_accepted|2.1.0':
    'Called a rename in the changelog, but from 2.1.0 the loader no longer reads this name at all: a value is silently ignored instead of being copied to worker_state_update_frequency.',
  'privileged_agent|renamed|3.5.0':
    'Described as a rename, but Kong 3.5+ does not read the old name (its deprecation entry uses a different spelling), so an old value is silently dropped; dedicated_config_processing defaults to on.',
  'node_id|deprecated|3.9.0': 'Only a runtime warning when the value is set; the loader tables and kong.conf.default do not flag it.',
  'worker_consistency|deprecated|3.0.0': 'The changelog files the deprecation and the new eventual default under 2.7.0, but 2.7.x and 2.8.x still default to strict; both change in 3.0.0.',
  'worker_consistency|deprecated_value|3.0.0': 'Setting strict logs a deprecation warning from 3.0.0 on.',
  'worker_consistency|default_changed|3.0.0': 'The changelog files this under 2.7.0, but the default only becomes eventual in 3.0.0.',
  'database|enum_changed|3.4.0': 'The typed loader table still lists cassandra, but from 3.4.0 the loader refuses database = cassandra at startup; only postgres and off work.',
  'database|deprecated_value|2.7.0': 'From 2.7.0 Kong warns when database = cassandra; PostgreSQL (or DB-less) is the way forward.',
  'upstream_keepalive_max_requests|default_changed|3.6.1': 'In 3.6.0 the runtime value was already 10000 while kong.conf.default still said 1000; 3.6.1 aligns the documented default.',
  'pg_ssl_version|default_changed|3.2.1.0': 'The single-sourced 3.0-3.3 reference already shows tlsv1_2 for 3.0 and 3.1; we follow the Enterprise changelog, which places the change in 3.2.1.0.',
  'pg_ssl_version|enum_changed|3.2.1.0': 'From 3.2.1.0 tlsv1 is rejected; use tlsv1_2 (or tlsv1_3 / any).',
  'lua_ssl_verify_depth|default_changed|3.10.0.15': 'Shipped in patches 3.10.0.15, 3.12.0.9, 3.13.0.7, 3.14.0.7 and 3.15.0.1 (never in 3.11); the published 3.10-3.15 references still show 1.',
  'proxy_server_ssl_verify|default_changed|3.12': 'Probably a documentation fix: the loader default has been on since 3.1.0 although the reference said off until 3.12.',
  'pg_ssl_verify|default_changed|3.14.0.0': 'No changelog entry of its own; with verification on, Kong may refuse to start unless the database certificate is trusted (lua_ssl_trusted_certificate).',
  'route_match_calculation|undocumented|3.13': 'Missing from the 3.13 reference only (present before and after, no removal announced); treated as still accepted.',
  'vaults_lazy_load_secrets|added|3.11.0.0': 'The 3.11.0.0 changelog spells it vault_secrets_lazy_load; the configuration reference uses this name.',
  'pg_gcp_service_account_json|added|3.13.0.0': 'The 3.13.0.0 changelog calls it pg_gcp_service_account_key; the reference and the how-to use this name.',
  'analytics_buffer_size_limit|default_changed|3.15.0.0': 'Only the 3.15 reference shows the change; no changelog entry mentions it.',
  'client_max_body_size|removed|3.0.0': "Kong's changelog lists this removal under 2.7.0, but 2.7.x and 2.8.x still read the name; it goes away in 3.0.0.",
};

/** Note added to every OSS event whose changelog reference says it was filed under an earlier heading. */
export const FILED_EARLIER_NOTE = "Kong's changelog lists this under 2.7.0, but the 2.7.x and 2.8.x releases still behave the old way; the change really ships in 3.0.0.";

/** Enterprise names the key facts call removed, which Kong still reads (deprecated) for entitled customers. */
export const STILL_READ_AFTER_REMOVAL: Array<{ pattern: RegExp; note: string }> = [
  // Empty: Enterprise Dev Portal (classic) and Vitals settings are removed in 3.5.0.0 (key facts), as the planner says.
];
