/**
 * Our reading of kong-facts/upgrade/entity-changes.json, per fact id: how a declarative
 * file shows that a change hits one of its entities (trigger and conditions, as data the
 * generic rules in server/src/core/declarative/entities.ts evaluate), how bad it is, and
 * the messages in our own words. The facts give entity, fields, versions, old and new
 * defaults, plugins and sources; this file adds only what the facts say in prose
 * (`applies_when`, `effect`). A fact id without an entry here fails the build, so a new
 * Kong release with entity changes forces a decision.
 *
 * `covered` marks facts that other rules already report (plugin-field facts, the
 * `_format_version` and regex-path rules): they are kept in the knowledge base with their
 * sources but produce no second finding.
 */
import type { EntityCondition, EntityTrigger, SettingCondition } from '../../server/src/core/knowledge/entityTypes';
import type { JsonValue } from '../../server/src/core/knowledge/pluginTypes';

export interface CuratedChange {
  covered?: string;
  trigger?: EntityTrigger;
  when?: EntityCondition[];
  /** Field paths (overrides the facts' list, e.g. to leave out paths we cannot check exactly). */
  fields?: string[];
  /** Plugin field paths left out of `fields` (per plugin), with the reason in a comment. */
  skipPaths?: string[];
  severity?: 'error' | 'warning' | 'information' | 'hint';
  change?: string;
  effect?: string;
  keep?: string;
  /** Pin value; default: the facts' old_default when it is a JSON value that is not prose. */
  pin?: JsonValue | null;
  pinRefusedUnless?: SettingCondition;
  mootWhen?: SettingCondition;
  refused?: { value: JsonValue; unless: SettingCondition };
}

const TLS_OFF: SettingCondition = { property: 'tls_certificate_verify', values: ['off'] };
const TRADITIONAL_ROUTER: SettingCondition = { property: 'router_flavor', values: ['traditional'] };

export const DOCS_BY_HOP: Record<string, string> = {
  '2.8->3.4': 'https://developer.konghq.com/gateway/upgrade/lts-upgrade-28-34/',
  '3.4->3.10': 'https://developer.konghq.com/gateway/upgrade/lts-upgrade-34-310/',
  '3.10->3.14': 'https://developer.konghq.com/gateway/upgrade/lts-upgrade-310-314/',
};

export const CURATED: Record<string, CuratedChange> = {
  'E30-format-version': { covered: 'format-version rule (plugins.json format facts)' },
  'E30-route-regex-prefix': {
    // The plain "add ~" case is the regex-path-prefix rule; what is left is the on-load
    // migration of an old-format file adding a second "~" to a path that already has one.
    trigger: { type: 'pattern', pattern: '^~.*[^a-zA-Z0-9._~/%-]' },
    when: [{ formatVersionIn: ['1.1', '2.1'] }],
    fields: ['paths[]'],
    severity: 'error',
    change: 'a file with _format_version 1.1 or 2.1 is migrated while it loads: every path with a regex character gets a "~" in front',
    effect: 'this path already starts with "~", so it becomes "~~…" and no request matches the route any more',
    keep: 'change _format_version to "3.0" (the path is then read as written)',
    pin: null,
  },
  'E30-route-path-normalization': {
    trigger: { type: 'pattern', pattern: '^~.*%[0-9A-Fa-f]{2}' },
    fields: ['paths[]'],
    severity: 'information',
    change: 'regex paths are matched against the normalized request path and percent-encoding in them is no longer decoded',
    effect: 'an encoded character in this regex no longer matches its decoded form in requests',
    keep: 'write the characters unencoded, except the reserved ones of RFC 3986',
    pin: null,
  },
  'E30-route-regex-lookaround': {
    trigger: { type: 'pattern', pattern: '\\(\\?(=|!|<=|<!).+\\)' },
    fields: ['paths[]'],
    severity: 'error',
    mootWhen: TRADITIONAL_ROUTER,
    change: 'the default router (traditional_compatible) and the expressions router refuse look-around in regex paths',
    effect: 'Kong refuses the route when it loads the configuration',
    keep: 'rewrite the regex without look-around, or set router_flavor = traditional in kong.conf',
    pin: null,
  },
  'E30-route-path-handling-v1': {
    trigger: { type: 'value', values: ['v1'] },
    severity: 'warning',
    mootWhen: TRADITIONAL_ROUTER,
    change: 'path_handling v1 is deprecated and only the traditional router still honours it',
    effect: 'with the default router the route behaves as v0, so the upstream path is joined differently',
    keep: 'set router_flavor = traditional in kong.conf, or move the route to v0 and adjust its paths',
    pin: null,
  },
  'E30-target-duplicates': {
    trigger: { type: 'duplicate' },
    fields: ['target'],
    severity: 'error',
    change: 'a target address listed twice under one upstream is refused (409 conflict)',
    effect: 'the configuration with both entries no longer loads',
    keep: 'keep one entry per address (merge their weights by hand)',
    pin: null,
  },
  'E30-prometheus-high-cardinality': {
    trigger: { type: 'absent' },
    severity: 'information',
    change: 'the status-code, latency, bandwidth and upstream-health metrics are off unless the plugin turns them on',
    effect: 'dashboards and alerts built on those metrics stop getting data',
    keep: 'turn on the metrics you use (the fix turns on all four, as 2.8 exported them)',
    pin: true,
  },
  'E30-acme-vault-auth-method': {
    trigger: { type: 'absent' },
    severity: 'information',
    change: 'the Vault storage of acme gets auth_method "token" when none is written',
    effect: "a Vault set up for another method refuses the plugin's login",
    keep: 'write the auth_method your Vault uses',
    pin: null,
  },
  'E30-aws-lambda-region': {
    trigger: { type: 'absent' },
    severity: 'warning',
    change: 'aws-lambda needs a region, in config.aws_region or in the AWS region environment variables of Kong',
    effect: 'without one the plugin cannot call the function and requests fail',
    keep: 'write config.aws_region (or set AWS_REGION for Kong)',
    pin: null,
  },
  'E30-http-log-headers': {
    trigger: { type: 'not-string-map' },
    severity: 'error',
    change: 'each http-log header takes one string value',
    effect: 'a header given as a list of values is refused with the plugin',
    keep: 'give each header one string (join the values yourself)',
    pin: null,
  },
  'E30-statsd-advanced': {
    trigger: { type: 'always' },
    fields: ['name'],
    severity: 'information',
    change: 'statsd-advanced is deprecated (removal planned for 4.0); statsd does the same job',
    effect: 'it still runs, but a later upgrade removes it',
    keep: 'move the configuration to the statsd plugin',
    pin: null,
  },
  'E30-acl-like-lists': { covered: 'removed-plugin-field / declarative-format (plugin-fields facts and convert rules)' },
  'E30-serverless-functions': { covered: 'removed-plugin-field / declarative-format (plugin-fields facts and convert rules)' },
  'E35-session-read-body-for-logout': {
    trigger: { type: 'absent' },
    when: [{ path: 'config.logout_post_arg', present: true }],
    severity: 'warning',
    change: 'session reads the request body for logout only when read_body_for_logout is true (default false)',
    effect: 'a logout sent as a form field in the body no longer ends the session',
    keep: 'set read_body_for_logout: true',
    pin: true,
  },
  'E36-azure-functions-routeprefix': {
    trigger: { type: 'absent' },
    severity: 'warning',
    change: 'azure-functions builds the path it calls in Azure from routeprefix alone',
    effect: 'without routeprefix the function is called at a different path than before',
    keep: 'write the path prefix into config.routeprefix',
    pin: null,
  },
  'E38-redis-timeout': { covered: 'deprecated-plugin-field (plugin-fields facts)' },
  'E38-redis-cluster-sentinel-nodes': { covered: 'deprecated-plugin-field / declarative-format (plugin-fields facts and convert rules)' },
  'E314-route-protocols': {
    trigger: { type: 'absent' },
    severity: 'warning',
    change: 'a route without protocols gets [https] instead of [http, https]',
    effect: 'requests over plain http no longer match this route (clients get a 426 or a 404)',
    keep: 'write protocols: [http, https]',
  },
  'E314-service-tls-verify': {
    trigger: { type: 'absent' },
    when: [{ path: 'protocol', in: ['https', 'tls', 'grpcs', 'wss'], urlPath: 'url', absentAs: 'http' }],
    severity: 'warning',
    mootWhen: TLS_OFF,
    change: 'tls_certificate_verify is on by default, so an https service without tls_verify checks the upstream certificate',
    effect: 'an upstream with a self-signed or otherwise untrusted certificate fails the TLS handshake (502)',
    keep: 'trust the upstream certificate (lua_ssl_trusted_certificate), or write tls_verify: false together with tls_certificate_verify = off in kong.conf',
    pin: false,
    pinRefusedUnless: TLS_OFF,
    refused: { value: false, unless: TLS_OFF },
  },
  'E314-hide-credentials': {
    trigger: { type: 'absent' },
    severity: 'warning',
    change: 'hide_credentials defaults to true',
    effect: 'the credential (header, query argument or body field) is removed before the request reaches the upstream, so an upstream that reads it no longer gets it',
    keep: 'write hide_credentials: false',
  },
  'E314-plugin-tls-verify': {
    trigger: { type: 'absent' },
    // The node's own ssl_verify exists only on some node types; we cannot tell them apart safely.
    skipPaths: ['datakit:config.nodes[].ssl_verify'],
    severity: 'warning',
    change: 'this TLS verification field defaults to true',
    effect: 'the certificate of the server the plugin talks to (Redis, vector database, broker, identity provider...) is checked; an untrusted one makes the plugin fail',
    keep: 'trust that certificate and keep verification, or write false together with tls_certificate_verify = off in kong.conf',
    pin: false,
    pinRefusedUnless: TLS_OFF,
    refused: { value: false, unless: TLS_OFF },
  },
  'E314-redis-partial-ssl-verify': {
    trigger: { type: 'absent' },
    when: [{ path: 'type', matches: '^redis' }],
    severity: 'warning',
    change: 'a Redis partial verifies the Redis server certificate by default',
    effect: 'with TLS to a Redis whose certificate Kong does not trust, every plugin using the partial loses Redis',
    keep: 'trust the Redis certificate, or write ssl_verify: false together with tls_certificate_verify = off in kong.conf',
    pin: false,
    pinRefusedUnless: TLS_OFF,
    refused: { value: false, unless: TLS_OFF },
  },
  'E314-event-hook-hmac': {
    trigger: { type: 'always' },
    fields: ['handler'],
    when: [{ path: 'handler', in: ['webhook'] }],
    severity: 'information',
    change: 'webhook calls are signed with HMAC-SHA256 instead of HMAC-SHA1',
    effect: 'a receiver that checks a SHA1 signature rejects the calls',
    keep: 'nothing to pin: update the receivers to check SHA256 signatures',
    pin: null,
  },
  'E314-event-hook-ssl-verify': {
    trigger: { type: 'absent' },
    fields: ['config.ssl_verify'],
    when: [{ path: 'handler', in: ['webhook', 'webhook-custom'] }],
    severity: 'warning',
    change: 'webhook event hooks verify the endpoint certificate by default',
    effect: 'a webhook endpoint with an untrusted certificate no longer receives the events',
    keep: 'give the endpoint a certificate Kong trusts (the facts do not name an older value to pin)',
    pin: null,
  },
  'E314-hmac-auth-algorithms': {
    trigger: { type: 'absent' },
    severity: 'warning',
    change: 'hmac-auth no longer accepts hmac-sha1 unless algorithms lists it',
    effect: 'clients that sign with hmac-sha1 are refused (401)',
    keep: 'write the old list of algorithms, hmac-sha1 included',
  },
  'E314-basic-auth-sha256': { covered: 'no finding: nothing in the file changes what Kong does (stored credentials keep working)' },
  'E314-kafka-consume-service-scope': {
    trigger: { type: 'scope', scopes: ['service'] },
    fields: ['name'],
    severity: 'warning',
    change: 'kafka-consume no longer runs when attached to a service',
    effect: "requests go to the service's upstream (if any) instead of consuming from Kafka",
    keep: 'attach the plugin to a route, a consumer or globally',
    pin: null,
  },
  'E3x-datakit-handlebars': {
    trigger: { type: 'value', values: ['handlebars'] },
    severity: 'error',
    change: 'datakit has no handlebars node type any more',
    effect: 'the plugin with such a node is refused',
    keep: 'replace the handlebars nodes',
    pin: null,
  },
  'E310-ai-proxy-preserve': {
    trigger: { type: 'value', values: ['preserve'] },
    severity: 'information',
    change: 'route_type "preserve" is deprecated and will be removed later',
    effect: 'it still works, but a later upgrade drops it',
    keep: 'use config.llm_format or one of the newer route types',
    pin: null,
  },
};
