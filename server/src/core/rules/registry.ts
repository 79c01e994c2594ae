/**
 * The one registry of finding codes. Every `RuleId` the core can emit is described here
 * once: the SARIF `rules`, the README's rule tables (`npm run readme:rules`), the
 * diagnostics' documentation link when a finding has no more precise one, and the CLI's
 * `--list-rules` all read it. `Record<RuleId, RuleMeta>` makes a new code that is not
 * described a type error; test/unit/rule-registry.test.ts checks the emitted codes at run time.
 *
 * Texts are our own words. `docsUrl` points at Kong's documentation for the subject.
 */
import type { FileKind, RuleId, Severity } from '../model';

export type RuleFamily = 'settings' | 'declarative' | 'kubernetes' | 'tool';

export interface RuleMeta {
  id: RuleId;
  /** The severity most findings of this code carry (some findings are lower or higher: see `description`). */
  defaultSeverity: Severity;
  /** Which table the README lists it in: kong.conf settings (also KONG_* variables), declarative files, Kong's Kubernetes resources, or the tool itself. */
  family: RuleFamily;
  /** One line, sentence case, no final period. */
  title: string;
  /** What the finding means, in full. */
  description: string;
  /** What to do about it. */
  help: string;
  /** Kong's documentation for the subject of the finding. */
  docsUrl: string;
  /** True when findings of this code can carry a fix (quick fix, and fix-all when the fix is safe). */
  hasFix: boolean;
  /** File kinds this code is reported in. */
  kinds: readonly FileKind[];
}

const CONF_DOCS = 'https://developer.konghq.com/gateway/configuration/';
const PLUGIN_DOCS = 'https://developer.konghq.com/plugins/';
const DECK_CONVERT_DOCS = 'https://developer.konghq.com/deck/file/convert/';
const BREAKING_DOCS = 'https://developer.konghq.com/gateway/breaking-changes/';
const UPGRADE_DOCS = 'https://developer.konghq.com/gateway/upgrade/';
const KIC_DOCS = 'https://developer.konghq.com/kubernetes-ingress-controller/';

/** Kinds that hold kong.conf settings (as properties or KONG_* variables). */
const SETTINGS_KINDS: readonly FileKind[] = ['kong-conf', 'env', 'docker-compose', 'kubernetes', 'helm-values'];
const DECLARATIVE_KINDS: readonly FileKind[] = ['declarative'];
/** Plugin configuration: decK files and KongPlugin / KongClusterPlugin resources. */
const PLUGIN_KINDS: readonly FileKind[] = ['declarative', 'kubernetes'];
const KUBERNETES_KINDS: readonly FileKind[] = ['kubernetes'];
const ALL_KINDS: readonly FileKind[] = [...SETTINGS_KINDS, 'declarative'];

export const RULES: Record<RuleId, RuleMeta> = {
  'unknown-property': {
    id: 'unknown-property',
    defaultSeverity: 'error',
    family: 'settings',
    title: 'Property the target version does not know',
    description:
      'The target Kong version has no property of this name. Kong skips names it does not know without a word, so a misspelt or invented property is a setting that never takes effect. The closest valid name is suggested when there is one.',
    help: 'Correct the name (the quick fix offers the closest known property) or delete the line if the setting is not needed.',
    docsUrl: CONF_DOCS,
    hasFix: true,
    kinds: SETTINGS_KINDS,
  },
  'deprecated-property': {
    id: 'deprecated-property',
    defaultSeverity: 'warning',
    family: 'settings',
    title: 'Deprecated property',
    description: 'The target version still reads this property but has marked it for removal; a later release will stop reading it. The finding names the replacement when Kong provides one.',
    help: 'Move the value to the replacement property (the fix renames it and keeps the value and the comments) before the release that removes it.',
    docsUrl: CONF_DOCS,
    hasFix: true,
    kinds: SETTINGS_KINDS,
  },
  'removed-property': {
    id: 'removed-property',
    defaultSeverity: 'error',
    family: 'settings',
    title: 'Property removed in the target version',
    description:
      'The target version no longer reads this property, so its value stops having any effect after the upgrade. The finding says in which version it went and what replaces it, if anything does.',
    help: 'Rename it to the replacement when the meaning carries over (the fix does this); otherwise the fix comments the line out so you can decide what to do with the value.',
    docsUrl: CONF_DOCS,
    hasFix: true,
    kinds: SETTINGS_KINDS,
  },
  'invalid-value': {
    id: 'invalid-value',
    defaultSeverity: 'error',
    family: 'settings',
    title: 'Value the target version rejects',
    description:
      "The value is not one the target version accepts for this property: not among the allowed values, not a boolean or a number where one is expected, a list with an element Kong does not know, or outside the limits Kong's loader enforces (for example `cluster_max_payload` of at least 4 MB, Nginx size units, listen flags per version).",
    help: 'Choose an allowed value. The nearest one is offered as a quick fix, never applied by fix-all, because a guessed value changes behaviour.',
    docsUrl: CONF_DOCS,
    hasFix: true,
    kinds: SETTINGS_KINDS,
  },
  'deprecated-value': {
    id: 'deprecated-value',
    defaultSeverity: 'warning',
    family: 'settings',
    title: 'Deprecated value',
    description: 'The target version still accepts this value for the property but has deprecated it (for example `worker_consistency = strict`).',
    help: 'Switch to the value Kong recommends instead; the fix does so when there is a direct replacement.',
    docsUrl: CONF_DOCS,
    hasFix: true,
    kinds: SETTINGS_KINDS,
  },
  'new-in-target': {
    id: 'new-in-target',
    defaultSeverity: 'information',
    family: 'settings',
    title: 'Property that only exists from the target version on',
    description: 'The property is valid in the target version but the version you run today does not know it, so it has no effect until the upgrade is done.',
    help: 'Nothing to fix; keep it in mind if the same file is deployed to the current version before the upgrade.',
    docsUrl: CONF_DOCS,
    hasFix: false,
    kinds: SETTINGS_KINDS,
  },
  'duplicate-property': {
    id: 'duplicate-property',
    defaultSeverity: 'warning',
    family: 'settings',
    title: 'Property set more than once',
    description: 'The same property is set twice or more in one file; Kong keeps the last value and the earlier ones do nothing.',
    help: 'Keep one setting. The fix comments out the overridden line.',
    docsUrl: CONF_DOCS,
    hasFix: true,
    kinds: SETTINGS_KINDS,
  },
  syntax: {
    id: 'syntax',
    defaultSeverity: 'error',
    family: 'tool',
    title: 'Text that cannot be read',
    description: 'A line or a YAML/JSON structure could not be parsed, so what it says is not checked and Kong may refuse the file.',
    help: 'Correct the syntax at the reported position; the rest of the file is still checked.',
    docsUrl: CONF_DOCS,
    hasFix: false,
    kinds: ALL_KINDS,
  },
  'deprecated-plugin-field': {
    id: 'deprecated-plugin-field',
    defaultSeverity: 'warning',
    family: 'declarative',
    title: 'Deprecated plugin field',
    description:
      'The target version still accepts this plugin configuration field but has renamed or moved it (for example rate-limiting `redis_host` to `redis.host` in 3.6). A field that only repeats the old default is reported as a hint.',
    help: "Move the value to the new field; the fix does it in the file's own style and never overwrites a key that is already set.",
    docsUrl: PLUGIN_DOCS,
    hasFix: true,
    kinds: PLUGIN_KINDS,
  },
  'removed-plugin-field': {
    id: 'removed-plugin-field',
    defaultSeverity: 'error',
    family: 'declarative',
    title: 'Plugin field removed in the target version',
    description:
      'The target version no longer accepts this plugin configuration field, so a configuration that sets it is rejected or loses the setting. A field that only repeats the old default is reported as information.',
    help: 'Move the value to the replacement field when there is one (the fix does it); otherwise the fix comments the field out.',
    docsUrl: PLUGIN_DOCS,
    hasFix: true,
    kinds: PLUGIN_KINDS,
  },
  'unknown-plugin-field': {
    id: 'unknown-plugin-field',
    defaultSeverity: 'error',
    family: 'declarative',
    title: 'Field the plugin never had',
    description: 'This plugin has no configuration field of this name in any known version; Kong rejects the plugin configuration.',
    help: 'Correct the field name; the quick fix offers the closest field of the plugin when there is one.',
    docsUrl: PLUGIN_DOCS,
    hasFix: true,
    kinds: PLUGIN_KINDS,
  },
  'invalid-plugin-value': {
    id: 'invalid-plugin-value',
    defaultSeverity: 'error',
    family: 'declarative',
    title: 'Plugin field value the target version rejects',
    description: 'The value is not one the target version allows for this plugin configuration field.',
    help: 'Choose an allowed value; the nearest one is offered as a quick fix, never applied by fix-all.',
    docsUrl: PLUGIN_DOCS,
    hasFix: true,
    kinds: PLUGIN_KINDS,
  },
  'removed-plugin': {
    id: 'removed-plugin',
    defaultSeverity: 'error',
    family: 'declarative',
    title: 'Plugin removed in the target version',
    description: 'The target version does not ship this plugin any more; a configuration that enables it does not load.',
    help: 'Remove the plugin or replace it with one the target version ships before upgrading.',
    docsUrl: PLUGIN_DOCS,
    hasFix: false,
    kinds: PLUGIN_KINDS,
  },
  'unknown-plugin': {
    id: 'unknown-plugin',
    defaultSeverity: 'warning',
    family: 'declarative',
    title: "Plugin that is not one of Kong's",
    description: 'The plugin name is not one Kong ships in the target version (it may come later, be misspelt, or be your own plugin). Custom plugins listed in the settings are not reported.',
    help: 'Correct the name (the quick fix offers the closest plugin), or list your own plugin in `kong.customPlugins` / `--custom-plugins`.',
    docsUrl: PLUGIN_DOCS,
    hasFix: true,
    kinds: PLUGIN_KINDS,
  },
  'format-version': {
    id: 'format-version',
    defaultSeverity: 'error',
    family: 'declarative',
    title: 'Declarative `_format_version` the target does not take',
    description: "The file's `_format_version` is missing, or is one the target version (or decK syncing to it) rejects or only accepts with a warning.",
    help: 'Set `_format_version` to the value the target version expects; the fix writes it.',
    docsUrl: DECK_CONVERT_DOCS,
    hasFix: true,
    kinds: DECLARATIVE_KINDS,
  },
  'regex-path-prefix': {
    id: 'regex-path-prefix',
    defaultSeverity: 'warning',
    family: 'declarative',
    title: 'Regex route path without the `~` prefix',
    description:
      'From Kong 3.0 a route path is read as a regular expression only when it starts with `~`; without it a path that looks like a regex is matched as a plain prefix. Reported as a warning when the upgrade crosses 3.0, lower when it does not.',
    help: 'Prefix the regex path with `~` (the fix adds it), as `deck file convert` does.',
    docsUrl: BREAKING_DOCS,
    hasFix: true,
    kinds: DECLARATIVE_KINDS,
  },
  'declarative-format': {
    id: 'declarative-format',
    defaultSeverity: 'warning',
    family: 'declarative',
    title: 'Change `deck file convert` makes',
    description: 'One of the other changes `deck file convert` applies when moving a declarative file across versions (for example acl `whitelist` to `allow`, pre-function `functions` to `access`).',
    help: 'Apply the same change here; the fix moves or comments out the field as the conversion would.',
    docsUrl: DECK_CONVERT_DOCS,
    hasFix: true,
    kinds: PLUGIN_KINDS,
  },
  'ineffective-plugin-field': {
    id: 'ineffective-plugin-field',
    defaultSeverity: 'warning',
    family: 'declarative',
    title: 'Plugin field the target accepts but ignores',
    description:
      'The target version still takes this plugin configuration field without complaint, but it no longer does anything and no other field takes over its job (for example session `cookie_renew` from 3.2). This differs from a deprecated field, which keeps working until it is removed. A field that only repeats the old default is reported as a hint.',
    help: 'Delete the field, or let the fix comment it out with a note, and check whether the behaviour it used to control still matters to you.',
    docsUrl: PLUGIN_DOCS,
    hasFix: true,
    kinds: PLUGIN_KINDS,
  },
  'entity-default-change': {
    id: 'entity-default-change',
    defaultSeverity: 'warning',
    family: 'declarative',
    title: 'Entity whose behaviour changes because a default flips',
    description:
      'A route, service, plugin, partial or event hook that leaves a field unset gets a different default on one of the hops between the current and the target version, so it behaves differently after the upgrade even though nothing in the file is wrong (for example a route without `protocols` only answering https from 3.14, an auth plugin without `hide_credentials` no longer passing the credential upstream, an https service without `tls_verify` checking the upstream certificate). A warning when traffic can break, information otherwise.',
    help: 'Decide which behaviour you want. "Keep today\'s behaviour" writes the old default into the entity (per finding, or for the whole file with `source.pinEntityDefaults.kong`); it is never part of fix-all. To take the new behaviour, leave the file as it is and prepare the clients or certificates it needs.',
    docsUrl: UPGRADE_DOCS,
    hasFix: true,
    kinds: PLUGIN_KINDS,
  },
  'entity-change': {
    id: 'entity-change',
    defaultSeverity: 'warning',
    family: 'declarative',
    title: 'Entity affected by another change of an upgrade hop',
    description:
      'Something written in this entity means something else, or is no longer taken, on one of the hops between the current and the target version: regex paths with look-around, `path_handling: v1`, duplicate upstream targets, http-log header lists, a 1.1 or 2.1 file whose regex paths already start with `~`, and similar. The severity follows how the change affects traffic: an error when the configuration stops loading.',
    help: "Read the change named in the message and rewrite the entity for the target version; the message says what keeps today's behaviour where something does.",
    docsUrl: UPGRADE_DOCS,
    hasFix: false,
    kinds: PLUGIN_KINDS,
  },
  'entity-value-refused': {
    id: 'entity-value-refused',
    defaultSeverity: 'error',
    family: 'declarative',
    title: 'Explicit value the target refuses under the current settings',
    description:
      "An explicit value such as `tls_verify: false` or `ssl_verify: false` that the target version rejects while a kong.conf setting keeps its new default (`tls_certificate_verify` on from 3.14), so the configuration does not load. The workspace's kong.conf and `KONG_*` files are taken into account: with the setting turned off there, the value is accepted and nothing is reported.",
    help: 'Either verify the certificate (the fix sets the value to the new default) or turn `tls_certificate_verify` off in kong.conf or with `KONG_TLS_CERTIFICATE_VERIFY`, knowing that this weakens every upstream connection.',
    docsUrl: UPGRADE_DOCS,
    hasFix: true,
    kinds: PLUGIN_KINDS,
  },
  'config-not-checked': {
    id: 'config-not-checked',
    defaultSeverity: 'information',
    family: 'kubernetes',
    title: 'Kubernetes plugin configuration that cannot be checked here',
    description:
      'A KongPlugin or KongClusterPlugin whose plugin configuration is not in the file: it takes values from a Secret (`configFrom`, `configPatches`), or it has no `plugin:` key (Kong Ingress Controller 0.x). Those values are not checked against the target version, and nothing is guessed about them.',
    help: "Check the values kept in the Secret against the plugin's fields for the target version, or name the plugin with `plugin:` so its config can be checked.",
    docsUrl: KIC_DOCS,
    hasFix: false,
    kinds: KUBERNETES_KINDS,
  },
  'missing-kong-plugin': {
    id: 'missing-kong-plugin',
    defaultSeverity: 'information',
    family: 'kubernetes',
    title: 'Plugins annotation naming a KongPlugin that is not defined',
    description:
      'A `konghq.com/plugins` (or the older `plugins.konghq.com`) annotation names a KongPlugin or KongClusterPlugin that no file of the workspace (in the editor) or of the files given (in the CLI) defines. Unless it exists elsewhere in the cluster, Kong Ingress Controller cannot attach it and the resource silently runs without that plugin.',
    help: 'Correct the name (the quick fix offers the closest plugin resource defined; fix-all never applies it) or add the missing KongPlugin.',
    docsUrl: KIC_DOCS,
    hasFix: true,
    kinds: KUBERNETES_KINDS,
  },
  'plugin-scope': {
    id: 'plugin-scope',
    defaultSeverity: 'error',
    family: 'kubernetes',
    title: 'Plugin attached where the target version cannot scope it',
    description:
      'A KongConsumer or KongConsumerGroup annotation attaches a plugin that the target version cannot scope to a consumer or consumer group (the plugin facts say its `consumer` / `consumer_group` field must stay empty), so Kong rejects the configuration. Nothing is reported where the facts carry no scoping data.',
    help: 'Attach the plugin to a route or a service instead.',
    docsUrl: KIC_DOCS,
    hasFix: false,
    kinds: KUBERNETES_KINDS,
  },
  'file-too-large': {
    id: 'file-too-large',
    defaultSeverity: 'warning',
    family: 'tool',
    title: 'File too large to check',
    description: 'The file is larger than the checker reads, so none of it was checked.',
    help: 'Split the file, or check it with the CLI, which takes larger files.',
    docsUrl: UPGRADE_DOCS,
    hasFix: false,
    kinds: ALL_KINDS,
  },
  'check-incomplete': {
    id: 'check-incomplete',
    defaultSeverity: 'information',
    family: 'tool',
    title: 'Check could not finish',
    description:
      'Part or all of the file was not checked: it nests deeper, expands aliases further or is larger than the checker allows, or the checker itself failed on it. This is a limit of the tool, not a problem Kong reports.',
    help: 'Look at the file by hand for the upgrade; if it is an ordinary Kong file, report it with the file attached so the checker can be fixed.',
    docsUrl: UPGRADE_DOCS,
    hasFix: false,
    kinds: ALL_KINDS,
  },
};

/** Every code, in the registry's order. */
export const RULE_IDS = Object.keys(RULES) as RuleId[];

/** The registry entry of a code, or undefined for a string that is not one. */
export function ruleMeta(id: string): RuleMeta | undefined {
  return Object.hasOwn(RULES, id) ? RULES[id as RuleId] : undefined;
}
