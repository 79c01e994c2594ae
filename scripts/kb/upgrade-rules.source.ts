/**
 * Hand-written source of the upgrade rules the planner uses, restated in our own words from
 * kong-facts/upgrade/upgrade-rules.md. Every entry keeps the rule ID of that file and the
 * short names of its sources (expanded in `sources`). scripts/kb/upgrade.ts adds the facts
 * that live in data files (legacy lines, Konnect lines, changelog references) and writes
 * server/knowledge/upgrade.json.
 */
import type {
  DeckConvertRule,
  EdgeRule,
  FloorRule,
  NoteRule,
  PrehopRule,
  PublishedTables,
  ShortcutRule,
  RuleRecord,
  SourceRef,
  StepRule,
  StrategyRule,
  TemplateChange,
} from '../../server/src/core/planner/types';

const DEV = 'Kong/developer.konghq.com';
const DEV_C = 'bc1cd74260f0bddb06dcf004c9c34b53bb870c1a';
const DOCS = 'Kong/docs.konghq.com';

export const sources: Record<string, SourceRef> = {
  'DEV:reference': { id: 'DEV:reference', repo: DEV, path: 'app/gateway/upgrade/reference.md', commit: DEV_C, url: 'https://developer.konghq.com/gateway/upgrade/' },
  'DEV:lts-guide': { id: 'DEV:lts-guide', repo: DEV, path: 'app/_includes/upgrade/lts-upgrade.md', commit: DEV_C, url: 'https://developer.konghq.com/gateway/upgrade/lts-upgrade-310-314/' },
  'DEV:lts-changes': { id: 'DEV:lts-changes', repo: DEV, path: 'app/_includes/upgrade/lts-changes-*.md', commit: DEV_C },
  'DEV:flow': { id: 'DEV:flow', repo: DEV, path: 'app/_includes/upgrade/flow.md', commit: DEV_C },
  'DEV:traditional': { id: 'DEV:traditional', repo: DEV, path: 'app/_includes/upgrade/traditional.md', commit: DEV_C },
  'DEV:hybrid-upg': { id: 'DEV:hybrid-upg', repo: DEV, path: 'app/_includes/upgrade/hybrid.md', commit: DEV_C },
  'DEV:dbless-upg': { id: 'DEV:dbless-upg', repo: DEV, path: 'app/_includes/upgrade/db-less.md', commit: DEV_C },
  'DEV:backup': { id: 'DEV:backup', repo: DEV, path: 'app/_includes/upgrade/backup.md', commit: DEV_C, url: 'https://developer.konghq.com/gateway/upgrade/backup-and-restore/' },
  'DEV:in-place': { id: 'DEV:in-place', repo: DEV, path: 'app/gateway/upgrade/in-place.md', commit: DEV_C, url: 'https://developer.konghq.com/gateway/upgrade/in-place/' },
  'DEV:dual-cluster': { id: 'DEV:dual-cluster', repo: DEV, path: 'app/gateway/upgrade/dual-cluster.md', commit: DEV_C, url: 'https://developer.konghq.com/gateway/upgrade/dual-cluster/' },
  'DEV:blue-green': { id: 'DEV:blue-green', repo: DEV, path: 'app/gateway/upgrade/blue-green.md', commit: DEV_C, url: 'https://developer.konghq.com/gateway/upgrade/blue-green/' },
  'DEV:rolling': { id: 'DEV:rolling', repo: DEV, path: 'app/gateway/upgrade/rolling.md', commit: DEV_C, url: 'https://developer.konghq.com/gateway/upgrade/rolling/' },
  'DEV:mig-finish': { id: 'DEV:mig-finish', repo: DEV, path: 'app/_includes/gateway/migration-finish-warning.md', commit: DEV_C },
  'DEV:policy': { id: 'DEV:policy', repo: DEV, path: 'app/gateway/version-support-policy.md', commit: DEV_C, url: 'https://developer.konghq.com/gateway/version-support-policy/' },
  'DEV:gw-yml': { id: 'DEV:gw-yml', repo: DEV, path: 'app/_data/products/gateway.yml', commit: DEV_C },
  'DEV:support-yml': { id: 'DEV:support-yml', repo: DEV, path: 'app/_data/support/gateway.yml', commit: DEV_C },
  'DEV:changelog-json': { id: 'DEV:changelog-json', repo: DEV, path: 'app/_data/changelogs/gateway.json', commit: DEV_C, url: 'https://developer.konghq.com/gateway/changelog/' },
  'DEV:breaking': { id: 'DEV:breaking', repo: DEV, path: 'app/gateway/breaking-changes.md', commit: DEV_C, url: 'https://developer.konghq.com/gateway/breaking-changes/' },
  'DEV:hybrid-mode': { id: 'DEV:hybrid-mode', repo: DEV, path: 'app/gateway/hybrid-mode.md', commit: DEV_C, url: 'https://developer.konghq.com/gateway/hybrid-mode/' },
  'DEV:dp-compat': { id: 'DEV:dp-compat', repo: DEV, path: 'app/gateway/data-plane-version-compatibility.md', commit: DEV_C },
  'DEV:dp-ref': { id: 'DEV:dp-ref', repo: DEV, path: 'app/gateway/data-plane-reference.md', commit: DEV_C },
  'DEV:konnect-compat': { id: 'DEV:konnect-compat', repo: DEV, path: 'app/konnect-platform/compatibility.md', commit: DEV_C },
  'DOCS:tables': { id: 'DOCS:tables', repo: DOCS, path: 'app/_includes/md/gateway/upgrade-paths.md', commit: '863f1248bd' },
  'DOCS:v3': { id: 'DOCS:v3', repo: DOCS, path: 'app/_src/gateway/upgrade-v3.md', commit: '05dbc275' },
  'DOCS:v2': { id: 'DOCS:v2', repo: DOCS, path: 'app/_src/gateway/upgrade-v2.md', commit: '7005059191' },
  'DOCS:changelog': { id: 'DOCS:changelog', repo: DOCS, path: 'app/gateway/changelog.md', commit: '05dbc275' },
  'DOCS:changelog-2.8.4.14': { id: 'DOCS:changelog-2.8.4.14', repo: DOCS, path: 'app/gateway/changelog.md (2.8.4.14)', commit: '05a1f85d' },
  'DOCS:cli-2.8': { id: 'DOCS:cli-2.8', repo: DOCS, path: 'app/gateway/2.8.x/reference/cli.md', commit: '05a1f85d' },
  'DOCS:changelog-2023': { id: 'DOCS:changelog-2023', repo: DOCS, path: 'app/gateway/changelog.md', commit: 'cc79b996' },
  'DOCS:ee-2.8': { id: 'DOCS:ee-2.8', repo: DOCS, path: 'app/gateway/2.8.x/install-and-run/upgrade-enterprise.md', commit: '05dbc275' },
  'DOCS:ee-2.7': { id: 'DOCS:ee-2.7', repo: DOCS, path: 'app/gateway/2.7.x/install-and-run/upgrade-enterprise.md', commit: '67b6df85' },
  'DOCS:ee-2.6': { id: 'DOCS:ee-2.6', repo: DOCS, path: 'app/gateway/2.6.x/install-and-run/upgrade-enterprise.md', commit: '67b6df85' },
  'DOCS:ee-legacy': { id: 'DOCS:ee-legacy', repo: DOCS, path: 'app/enterprise/*/deployment/**/migrations.md', commit: 'b305f5cc' },
  'KONG:UPGRADE': { id: 'KONG:UPGRADE', repo: 'Kong/kong', path: 'UPGRADE.md', commit: '22246ef28c16842098369b494eef879222e30c7b', url: 'https://github.com/Kong/kong/blob/master/UPGRADE.md' },
  'KONG:compat': { id: 'KONG:compat', repo: 'Kong/kong', path: 'kong/clustering/compat/init.lua', commit: '22246ef28c16842098369b494eef879222e30c7b' },
  'KONG:ci': { id: 'KONG:ci', repo: 'Kong/kong', path: 'scripts/upgrade-tests/source-versions', commit: '22246ef28c16842098369b494eef879222e30c7b' },
  'KONG:tags': { id: 'KONG:tags', repo: 'Kong/kong', path: 'git tags', commit: '22246ef28c16842098369b494eef879222e30c7b' },
  'DECK:convert': { id: 'DECK:convert', repo: 'Kong/deck', path: 'convert/convert.go', commit: '4657ee3777a7b63a7ffd8c8a84daaec0bb62e636' },
  'PR:docs#8010': { id: 'PR:docs#8010', repo: DOCS, url: 'https://github.com/Kong/docs.konghq.com/pull/8010' },
  'PR:docs#7267': { id: 'PR:docs#7267', repo: DOCS, url: 'https://github.com/Kong/docs.konghq.com/pull/7267' },
  'PR:docs#8188': { id: 'PR:docs#8188', repo: DOCS, url: 'https://github.com/Kong/docs.konghq.com/pull/8188' },
  'PR:docs#5090': { id: 'PR:docs#5090', repo: DOCS, url: 'https://github.com/Kong/docs.konghq.com/pull/5090' },
  'PR:docs#5157': { id: 'PR:docs#5157', repo: DOCS, url: 'https://github.com/Kong/docs.konghq.com/pull/5157' },
  'PR:docs#5192': { id: 'PR:docs#5192', repo: DOCS, url: 'https://github.com/Kong/docs.konghq.com/pull/5192' },
  'PR:docs#5202': { id: 'PR:docs#5202', repo: DOCS, url: 'https://github.com/Kong/docs.konghq.com/pull/5202' },
  'ISSUE:docs#5755': { id: 'ISSUE:docs#5755', repo: DOCS, url: 'https://github.com/Kong/docs.konghq.com/issues/5755' },
  'ISSUE:kong#13787': { id: 'ISSUE:kong#13787', repo: 'Kong/kong', url: 'https://github.com/Kong/kong/issues/13787' },
  'DATA:releases': { id: 'DATA:releases', path: 'kong-facts/releases/releases.json' },
  'DATA:changelog': { id: 'DATA:changelog', path: 'kong-facts/releases/changelog-entries.json' },
  'HELM:kong': { id: 'HELM:kong', repo: 'Kong/charts', path: 'charts/kong/UPGRADE.md', url: 'https://github.com/Kong/charts/blob/main/charts/kong/UPGRADE.md' },
};

type R = Omit<RuleRecord, 'id' | 'section'>;
const r = (title: string, statement: string, src: string[], strength?: RuleRecord['strength']): R => ({ title, statement, sources: src, ...(strength ? { strength } : {}) });

/** Rules by ID. Section = leading letters of the ID. */
export const ruleList: Record<string, R> = {
  // V. Version scheme
  V1: r('Enterprise uses four-part versions', 'Enterprise builds are numbered major.minor.patch.ee-patch; the first two numbers name the release line.', ['DEV:policy'], 'fact'),
  V2: r(
    'OSS uses three-part versions',
    'Open-source builds are major.minor.patch. Only the line is shared between editions, so a planner never maps patch numbers across them.',
    ['DEV:policy', 'DEV:gw-yml'],
    'fact',
  ),
  V3: r('Legacy Enterprise numbering', 'Enterprise 0.29 to 0.36 had their own numbers (patches written 0.NN-P) and then jumped to 1.3.', ['DOCS:changelog-2023', 'DATA:releases'], 'fact'),
  V4: r('Compatibility compares major and minor', 'Version compatibility checks look at the line only and ignore the patch.', ['KONG:compat', 'DEV:hybrid-mode'], 'fact'),
  V5: r('No OSS after 3.9', 'The open-source edition ends with the 3.9 line; an OSS target on a later line is refused because only Enterprise ships it.', ['DEV:gw-yml', 'KONG:tags'], 'must'),
  V6: r('Some stops are Enterprise-only patches', 'Stops such as 3.1.1.2 and 3.1.1.3 exist only as Enterprise builds; OSS 3.1 has 3.1.0 and 3.1.1.', ['KONG:tags', 'ISSUE:kong#13787'], 'fact'),
  V7: r(
    'Patches can break things too',
    'Backports mean patch releases may carry breaking changes, so every changelog entry between the two versions is scanned.',
    ['DEV:policy', 'DEV:breaking', 'DATA:changelog'],
    'must',
  ),
  V8: r('Newest releases', 'The newest line in the facts is taken from releases.json; the newest OSS line is 3.9.', ['DEV:gw-yml'], 'fact'),
  // LC. Lifecycle
  LC1: r('One year of full support per minor', 'A minor line gets a year of full support followed by a year of sunset help without patches.', ['DEV:policy'], 'fact'),
  LC2: r('Three years for an LTS', 'Long-term-support lines are kept for three years (shorter if their OS reaches end of life first).', ['DEV:policy'], 'fact'),
  LC3: r('Yearly LTS from 3.10', 'Since 3.10 a new LTS arrives every March and neighbouring LTS lines overlap by two years.', ['DEV:policy'], 'fact'),
  LC4: r('LTS lines', 'The LTS lines are 2.8, 3.4, 3.10 and 3.14 (as listed in releases.json).', ['DEV:gw-yml', 'DEV:support-yml'], 'fact'),
  LC5: r('EOL dates differ by source', 'Support end dates vary by a few days between Kong data files; the products file is used.', ['DATA:releases'], 'fact'),
  LC6: r('Reference prose lags on the current LTS', 'Some prose still names 3.10 as the current LTS; the product data file wins.', ['DEV:reference', 'DEV:gw-yml'], 'fact'),
  // G. Guaranteed paths
  G1: r('Patch upgrades are guaranteed', 'Moving to a later patch on the same line is an officially tested path.', ['DEV:reference'], 'fact'),
  G2: r('Adjacent minors are guaranteed', 'Moving to the next minor of the same major is an officially tested path.', ['DEV:reference'], 'fact'),
  G3: r('Adjacent LTS jumps are guaranteed', 'Jumping from one LTS line to the next LTS line is an officially tested path.', ['DEV:reference', 'DEV:lts-guide'], 'fact'),
  G4: r('Other jumps need Kong support', 'Any other jump depends on the deployment and should be discussed with Kong support; smaller gaps are easier.', ['DEV:reference'], 'should'),
  // L. LTS
  L1: r('Documented LTS jumps are Enterprise', 'Direct LTS-to-LTS guides exist for Enterprise: 2.8 to 3.4, 3.4 to 3.10, 3.10 to 3.14.', ['DEV:lts-guide'], 'fact'),
  L2: r(
    'LTS pattern only between its two lines',
    'The LTS migration pattern is only valid for its own pair; using it for other intervals can apply migrations in the wrong order.',
    ['DEV:lts-guide'],
    'must',
  ),
  L3: r('LTS guides cover a fixed changelog range', 'Each LTS guide lists changes only up to a certain patch; later changes come from the general changelog.', ['DEV:lts-guide'], 'fact'),
  L4: r(
    'Land on the latest LTS patch',
    'Aim for the newest patch of the target LTS; for 3.10 to 3.14, first reaching 3.10.0.11 or newer adds a kong.conf pre-check (kong check --lts-314-compatibility).',
    ['DEV:lts-guide'],
    'should',
  ),
  L5: r(
    'LTS strategies and decK conversion',
    'LTS jumps use dual-cluster, in-place or rolling (not blue-green), need a current decK, and convert the decK state for the exact pair afterwards.',
    ['DEV:lts-guide', 'DEV:in-place', 'DECK:convert'],
    'must',
  ),
  L6: r(
    'Per-pair LTS preconditions',
    '2.8 to 3.4: leave Cassandra first. 3.4 to 3.10: Dev Portal classic and Vitals are gone and old OS builds stopped at 3.4.3.12. 3.10 to 3.14: stricter TLS verification can stop DB-less boot or hybrid sync.',
    ['DEV:lts-guide', 'DEV:lts-changes'],
    'must',
  ),
  L8: r(
    'Pre-check for 2.8 to 3.4',
    'Enterprise 2.8.4.14 and later can test a kong.conf against 3.4 before the jump with kong check --lts-34-compatibility.',
    ['DOCS:changelog-2.8.4.14', 'DOCS:cli-2.8', 'DEV:changelog-json'],
    'fact',
  ),
  L9: r(
    'Pre-check for 3.10 to 3.14',
    'Enterprise 3.10.0.11 and later can test a kong.conf against 3.14 before the jump with kong check --lts-314-compatibility; moving to such a patch first is an optional preparation.',
    ['DEV:changelog-json', 'DEV:lts-guide'],
    'should',
  ),
  L10: r(
    'What the pre-checks leave out',
    'They read one kong.conf with the Enterprise binary of the line you run; entities, OSS, the 3.4 to 3.10 hop and older patches are not covered, so decK conversion and lint still apply.',
    ['DOCS:cli-2.8', 'DEV:lts-guide', 'DEV:changelog-json'],
    'fact',
  ),
  L7: r('OSS CI tests LTS sources', 'The open-source CI runs migration tests from 2.8.0 and 3.4.0, but no document promises OSS LTS jumps.', ['KONG:ci'], 'code'),
  // O. OSS 0.x / 1.x
  O1: r('0.5 needs 0.4.2', 'Reach 0.4.2 before 0.5; older installs pass through 0.5 before 0.6.', ['KONG:UPGRADE'], 'must'),
  O2: r('0.9 to 0.14 one minor at a time', 'Those sections only describe moving from the previous minor, with migrations run from one node first (mandatory from 0.11).', ['KONG:UPGRADE'], 'must'),
  O3: r('1.x needs 0.14.1', '1.0 to 1.5 migrate from 0.14.1 at the lowest; older installs reach 0.14.1 first.', ['KONG:UPGRADE'], 'must'),
  O4: r('No /apis entities on 1.0', 'Kong 1.0 will not migrate while /apis entities exist; convert them to Services and Routes first.', ['KONG:UPGRADE'], 'must'),
  O5: r('From a 1.0 release candidate', 'Coming from a 1.0 RC, the same steps apply with migrations run forcefully.', ['KONG:UPGRADE'], 'must'),
  O6: r('Two-step migrations', 'Since 0.15/1.0 migrations run as a non-destructive up and a destructive finish; empty databases use bootstrap.', ['KONG:UPGRADE'], 'fact'),
  O7: r('2.x needs 1.0 or later', '2.0 to 2.8 migrate from any 1.x; from 0.14.1 go through 1.5 first.', ['KONG:UPGRADE'], 'must'),
  O8: r('Old Cassandra schemas and 2.8', 'Cassandra schemas from 2.1 or older need downtime or a keyspace rebuild with db_export/db_import to reach 2.8.', ['KONG:UPGRADE'], 'must'),
  // E. Enterprise before 3.0
  E1: r('Enterprise 0.35 needs 0.34-1', 'Reach 0.34 (then 0.34-1) before 0.35 and convert APIs there; OSS 0.14/0.15 users go to OSS 1.0 before switching to EE 0.35.', ['DOCS:ee-legacy'], 'must'),
  E2: r('Enterprise chain 0.35 to 2.1', 'Each of 0.36, 1.3, 1.5 and 2.1 requires the one before it.', ['DOCS:ee-legacy'], 'must'),
  E3: r('Enterprise 2.2 to 2.6 one minor at a time', 'Guides for those targets required walking every minor.', ['DOCS:ee-legacy', 'DOCS:ee-2.6'], 'must'),
  E4: r('Direct to 2.7 or 2.8', 'From 2.7 on, any 2.1 or newer (and 1.x, as a major upgrade) may go straight to 2.7 or 2.8.', ['DOCS:ee-2.7', 'DOCS:ee-2.8'], 'must'),
  E5: r('Kong Manager OIDC claim', 'Coming from 2.6 or older, Kong Manager OIDC switches from consumer_claim to admin_claim.', ['DOCS:ee-2.8'], 'must'),
  // M. 2.x -> 3.0
  M1: r('3.x is entered from 2.8', 'The documented way into 3.x is 2.8 to 3.0; in hybrid mode every CP and DP is on 2.8 first.', ['KONG:UPGRADE', 'DOCS:v3'], 'must'),
  M2: r('3.0 accepts 2.1 or newer', 'The same page gives 2.1 as the lowest source for 3.0 and forbids 1.x straight to 3.x.', ['DEV:reference', 'DOCS:v3'], 'fact'),
  M3: r('2.7 or older reaches 2.8.1 first', 'UPGRADE.md and the 3.0 page ask installs at 2.7 or lower to settle on 2.8.1 before the major upgrade.', ['KONG:UPGRADE', 'DOCS:v3'], 'must'),
  M4: r('Blue-green into 3.x needs 2.8.2', 'Blue-green in traditional mode only works from 2.8.2.x; below that, reach 2.8.2.0 first.', ['DEV:blue-green', 'DOCS:v3', 'DEV:changelog-json'], 'must'),
  M5: r('1.x users go through 2.8.2', 'The 3.1-era page sent 1.x users to 2.8.2, then 3.0, then 3.1.', ['DOCS:v2'], 'fact'),
  M6: r(
    'Declarative format 3.0 and regex paths',
    '3.x files need _format_version "3.0" and a ~ prefix on regex paths; never sync a 2.x file into 3.x, re-dump or convert it with deck file convert. DB-less nodes run no migrations, so convert their file first.',
    ['DEV:changelog-json', 'DECK:convert'],
    'must',
  ),
  M7: r('Custom plugins across 3.0', 'Priorities, removed fields and PDK changes in 3.0 touch custom plugins, which must also declare PRIORITY and VERSION to load.', ['DOCS:v3'], 'must'),
  // X. Inside 3.x
  X1: r('3.1 hybrid protocol gap', '3.1.0.0 and 3.1.1.1 speak only the wRPC CP/DP protocol, 3.2.0.0 only the legacy one; hybrid clusters there cannot move on directly.', ['DEV:reference'], 'must'),
  X2: r(
    '3.1.1.3 is the hybrid stop',
    'Hybrid clusters on 3.1.0.x to 3.1.1.2 stop at 3.1.1.3 (3.1.1.2 lacked the ca-certificates package).',
    ['DOCS:tables', 'DEV:reference', 'DOCS:changelog'],
    'must',
  ),
  X3: r('2.8 to 3.1', 'Rolling from 2.8 to 3.1.0.0 is unsupported (use 3.0 first); since 3.1.1.3, 2.8 may go straight to 3.1.1.3.', ['DEV:changelog-json', 'DOCS:changelog'], 'fact'),
  X4: r(
    'OSS hybrid through 3.1',
    'OSS 3.1 ships only wRPC sync and OSS 3.2 only the legacy sync, so DPs cannot sync from a newer CP until upgraded; they keep their cached config.',
    ['KONG:tags', 'ISSUE:kong#13787'],
    'code',
  ),
  X5: r('No Cassandra from 3.4', 'Cassandra support ends in 3.4.0.0; move to PostgreSQL before any 3.4 or later version.', ['DEV:reference', 'DEV:lts-guide'], 'must'),
  X6: r('Dev Portal classic and Vitals end at 3.5', 'From 3.5 Enterprise no longer includes Dev Portal (classic) or Vitals; existing users talk to Kong support.', ['DEV:lts-guide'], 'must'),
  X7: r('3.4 CP with older DPs and consumer groups', 'A 3.4 CP with 3.3-or-older DPs is unsupported when plugins are scoped to consumer groups.', ['DOCS:v3'], 'must'),
  X8: r('kong.conf can break in a minor', 'Values accepted by one line may be rejected by the next; update kong.conf and KONG_* for each hop.', ['DEV:reference'], 'must'),
  X9: r('New plugins need forced migrations', 'When new plugins are enabled on an existing install, run migrations up/finish with -f.', ['DEV:mig-finish', 'DEV:changelog-json'], 'must'),
  X10: r(
    'Cluster fallback needs identical versions',
    'Nodes exporting and importing fallback configuration must run the same exact version; export again after upgrading.',
    ['DEV:hybrid-upg'],
    'must',
  ),
  // T. Tables
  T1: r(
    'Per-target tables (3.1 to 3.8)',
    'Kong published one upgrade table per target from 3.1 to 3.8 (rows by current version and topology) and removed them in Dec 2024.',
    ['DOCS:tables', 'PR:docs#8188'],
    'fact',
  ),
  T2: r(
    'Tables 3.1-3.4, rows 2.x-2.7',
    'Traditional: 2.8.2.x (blue-green only), 3.0, then each minor; hybrid: 2.8.2.x, 3.0, each minor; DB-less: 3.0 and each minor with no 2.8 stop.',
    ['DOCS:tables'],
    'fact',
  ),
  T3: r(
    'Tables, rows 2.8.x',
    'Targets 3.2-3.3 pass 3.1.1.3 then each minor; target 3.4 is a direct LTS jump (PR 7267); target 3.1 is direct to 3.1.1.3 (PR 8010).',
    ['DOCS:tables', 'ISSUE:docs#5755', 'PR:docs#7267', 'PR:docs#8010'],
    'fact',
  ),
  T4: r(
    'Tables 3.5-3.8',
    '3.0 to 3.3 (and 3.1.1.3 hybrid) go straight to 3.4, then each minor; 2.x-2.7 traditional/hybrid go 2.8.2.x then 3.4; 2.x-2.7 DB-less walks from 3.0; 3.1.0.x-3.1.1.2 hybrid walks from 3.1.1.3.',
    ['DOCS:tables'],
    'fact',
  ),
  T5: r('Known table defects', 'The 3.6 table rows from 2.x to 3.3 wrongly end at 3.7, and the 3.8 table marks 3.6.x as direct despite two hops.', ['DOCS:tables'], 'fact'),
  T6: r(
    'Early-2023 table churn',
    'For a few weeks in 2023, 2.8 and 3.0 could go straight to 3.2; that was reverted.',
    ['DOCS:tables', 'PR:docs#5192', 'PR:docs#5202', 'PR:docs#5090', 'PR:docs#5157'],
    'fact',
  ),
  // S. Strategies
  S1: r(
    'Traditional strategies',
    'Prefer dual-cluster (second cluster with a restored database); otherwise in-place with downtime. Blue-green is limited: patch versions only and 2.8.2.x or newer.',
    ['DEV:flow', 'DEV:traditional', 'DEV:dual-cluster', 'DEV:in-place', 'DEV:blue-green'],
    'should',
  ),
  S2: r(
    'Dual-cluster runs migrations on the clone',
    'The restored database still has the old schema, so up and finish run against the clone before the new nodes start.',
    ['KONG:UPGRADE', 'DOCS:v3'],
    'must',
  ),
  S3: r('Hybrid: control planes first', 'Upgrade CPs first with a traditional strategy while DPs keep serving; do not leave old DPs on a new CP for long.', ['DEV:hybrid-upg'], 'must'),
  S4: r('Hybrid: data planes roll', 'After the CPs, replace DPs with a rolling upgrade; custom plugins go on the CP before the DPs.', ['DEV:hybrid-upg', 'DEV:rolling'], 'must'),
  S5: r('DB-less rolls', 'DB-less nodes use rolling upgrades only; validate the declarative file for the new version and back it up first.', ['DEV:dbless-upg', 'DEV:rolling'], 'must'),
  S6: r(
    'Konnect data planes roll',
    'Self-managed Konnect DPs roll like hybrid DPs; Kong upgrades the CP and pushes the config subset the oldest DP understands.',
    ['DEV:flow', 'DEV:rolling', 'DEV:dp-compat', 'DEV:dp-ref', 'DEV:support-yml'],
    'must',
  ),
  S7: r('Dedicated Cloud Gateways', 'Kong applies patches; the customer applies minor and major upgrades; DP and CP versions must match exactly.', ['DEV:konnect-compat', 'DEV:hybrid-mode'], 'fact'),
  S8: r('Management downtime', 'No Admin API writes and no database edits while an upgrade runs.', ['DEV:reference'], 'must'),
  S9: r('Historic up/finish split', 'In 1.x-2.8 up is non-destructive and finish destructive; before finish, send Admin API writes to the old cluster only.', ['KONG:UPGRADE'], 'must'),
  // H. CP/DP compatibility
  H1: r('DPs never newer than the CP', 'A CP accepts DPs of its own major whose minor is not newer than its own; patches are ignored.', ['DEV:hybrid-mode', 'KONG:compat'], 'must'),
  H2: r('Incompatible DPs get no config', 'Incompatible DPs are refused configuration (KONG_VERSION_INCOMPATIBLE).', ['KONG:compat'], 'code'),
  H3: r('Plugin versions must match', 'A plugin is pushed only to DPs that have it with the same major and a minor not newer than the CP.', ['DEV:hybrid-mode'], 'must'),
  H4: r('Newer fields are stripped for old DPs', 'The CP removes fields an older DP does not know before sending config.', ['KONG:compat'], 'code'),
  H5: r('Why CPs go first', 'A newer-minor CP serving older-minor DPs is supported; the reverse is rejected.', ['DEV:hybrid-upg'], 'must'),
  H6: r('2.x DPs and a 3.x CP', 'Across 2.x to 3.x the CP rejects 2.x DPs; they keep serving their last config until replaced.', ['KONG:UPGRADE', 'DEV:changelog-json'], 'must'),
  H7: r(
    'Konnect mixed majors',
    'Konnect allows mixed DP majors during upgrades and pushes the common subset; Kong-managed DPs must match the CP exactly.',
    ['DEV:dp-compat', 'DEV:hybrid-mode'],
    'fact',
  ),
  H8: r('Pointers', 'See X1/X4 (3.1 protocol), X7 (consumer groups) and X10 (fallback config).', [], 'fact'),
  // K. Checklist
  K1: r(
    'Prepare',
    'Check platform support, read every changelog entry of the hop, review custom plugins and templates, meet hop preconditions, rehearse in pre-production.',
    ['DEV:reference', 'DEV:lts-guide', 'DEV:breaking', 'DATA:changelog'],
    'must',
  ),
  K2: r(
    'Freeze configuration',
    'From the backup until the end, no Admin API, database, Kong Manager, decK or kong config writes (DB-less: no POST /config).',
    ['DEV:reference', 'DEV:dual-cluster', 'DEV:rolling'],
    'must',
  ),
  K3: r(
    'Back up by mode',
    'Migrations are one-way. Database dump first, decK dump second, db_export last; DB-less copies its declarative file; always keep kong.conf, prefix files and keyring material.',
    ['DEV:backup'],
    'must',
  ),
  K4: r(
    'Execute by mode',
    'Run the chosen strategy: in-place, dual-cluster, blue-green, hybrid CP then DPs, or rolling for DB-less/Konnect.',
    ['DEV:in-place', 'DEV:dual-cluster', 'DEV:blue-green', 'DEV:rolling', 'DEV:hybrid-upg'],
    'must',
  ),
  K5: r(
    'Convert entity configuration',
    'For LTS pairs and 2.x to 3.x, convert the decK dump with deck file convert and sync the result to the new version.',
    ['DEV:in-place', 'DEV:dual-cluster', 'DEV:rolling', 'DECK:convert'],
    'must',
  ),
  K6: r('Verify', 'Smoke-test, confirm DPs are in sync with the CP, and watch proxy metrics.', ['DEV:dual-cluster', 'DEV:hybrid-mode'], 'must'),
  K7: r('Finish', 'Decommission the old cluster and resume configuration writes, then keep monitoring.', ['DEV:dual-cluster', 'DEV:in-place'], 'must'),
  K8: r('Roll back', 'Send traffic back to the old nodes when possible, else restore: bootstrap an empty database and pg_restore; declarative restore only as a fallback.', ['DEV:backup'], 'must'),
};

type C = Omit<RuleRecord, 'id' | 'section' | 'strength'>;
const c = (title: string, statement: string, sides: RuleRecord['sides'], choice: string): C => ({
  title,
  statement,
  sides,
  choice,
  sources: [...new Set((sides ?? []).flatMap((s) => s.sources))],
});

export const conflicts: Record<string, C> = {
  C1: c(
    'Which 3.1 patch hybrid clusters stop at',
    'The tables and the prose name different 3.1 patches.',
    [
      { claim: 'stop at 3.1.1.3', sources: ['DOCS:tables', 'PR:docs#5157'] },
      { claim: 'stop at 3.1.1.2', sources: ['DEV:reference', 'PR:docs#5090'] },
    ],
    'Require 3.1.1.3 or newer: it satisfies both and 3.1.1.2 shipped without ca-certificates.',
  ),
  C2: c(
    'Lowest 2.x source for 3.0',
    'The 3.0 page gives both 2.1 and "2.8.1 first"; the tables add 2.8.2.x for hybrid and blue-green.',
    [
      { claim: '3.0 accepts 2.1 or newer', sources: ['DEV:reference', 'DOCS:v3'] },
      { claim: 'from 2.7 or lower reach 2.8.1 (tables: 2.8.2.x) first', sources: ['KONG:UPGRADE', 'DOCS:v3', 'DOCS:tables', 'DOCS:v2'] },
    ],
    'Always stop on 2.8 (2.8.2 or newer, in practice its latest patch) before 3.0, whatever the topology.',
  ),
  C3: c(
    'Skipping minors into 3.4',
    'The 3.5-3.8 tables send 3.0-3.3 straight to 3.4; the 3.4 table walks every minor.',
    [
      { claim: '3.0-3.3 go directly to 3.4', sources: ['DOCS:tables'] },
      { claim: 'walk each minor up to 3.4 (only adjacent minors are guaranteed)', sources: ['DOCS:tables', 'DEV:reference'] },
    ],
    'Walk each minor up to 3.4; show the table route as a published alternative.',
  ),
  C4: c(
    'LTS jumps for OSS',
    'LTS guides are Enterprise documents while OSS CI tests LTS sources.',
    [
      { claim: 'LTS jumps documented for Enterprise only', sources: ['DEV:lts-guide'] },
      { claim: 'OSS CI migrates from 2.8.0 and 3.4.0', sources: ['KONG:ci'] },
    ],
    'OSS walks every minor, never jumps between LTS lines, and has nothing after 3.9.',
  ),
  C5: c(
    '2.8 straight to 3.1.1.3',
    'The 3.1.1.3 changelog and later tables allow it; older tables and the 2.x-2.7 rows still pass 3.0.',
    [
      { claim: '2.8 may go directly to 3.1.1.3', sources: ['DOCS:changelog', 'DOCS:tables', 'PR:docs#8010'] },
      { claim: '2.8 goes to 3.0 then 3.1', sources: ['DOCS:tables', 'KONG:UPGRADE'] },
    ],
    'Go 2.8, 3.0, 3.1.1.3; list the direct route as an alternative.',
  ),
  C6: c(
    '2.x-2.7 DB-less rows',
    'Those rows skip 2.8 and ignore the LTS jump; the latest 3.1 table routes them via 2.8.',
    [
      { claim: 'DB-less 2.x-2.7 walks 3.0, 3.1, ... without 2.8', sources: ['DOCS:tables'] },
      { claim: 'DB-less 2.x-2.7 passes 2.8', sources: ['DOCS:tables'] },
    ],
    'Stop on 2.8, then take the Enterprise LTS jump when the target is 3.4 or later.',
  ),
  C7: c(
    '2.x-2.7 rows for target 3.4',
    'They walk 3.0-3.3 after 2.8.2 while the 2.8.x rows of the same table jump to 3.4.',
    [
      { claim: 'walk 3.0 to 3.3 after 2.8.2', sources: ['DOCS:tables'] },
      { claim: '2.8 jumps to 3.4 (LTS)', sources: ['DOCS:tables', 'PR:docs#7267'] },
    ],
    'Memoryless planning: once on 2.8, take the 2.8 to 3.4 LTS jump (Enterprise).',
  ),
  C8: c(
    'Table defects',
    'Some rows of the last revision are wrong.',
    [{ claim: '3.6 rows end at 3.7; 3.8 table marks a two-hop 3.6 row direct', sources: ['DOCS:tables'] }],
    'Use the last correct 3.6 wording and compute "direct" from the number of hops.',
  ),
  C9: c(
    'Enterprise 2.x incremental vs direct',
    'Older guides walk each minor; the 2.7/2.8 guides allow direct jumps.',
    [
      { claim: 'walk each minor (targets 2.2-2.6)', sources: ['DOCS:ee-legacy', 'DOCS:ee-2.6'] },
      { claim: 'direct to 2.7/2.8 from 2.1 or newer', sources: ['DOCS:ee-2.7', 'DOCS:ee-2.8'] },
    ],
    'Follow the guide of the target version.',
  ),
  C10: c(
    'Skipping 0.x minors',
    'UPGRADE.md says reach 0.14.1 but documents 0.x one minor at a time.',
    [
      { claim: 'go to 0.14.1 first', sources: ['KONG:UPGRADE'] },
      { claim: 'each section covers only the previous minor', sources: ['KONG:UPGRADE'] },
    ],
    'Walk each 0.x minor up to 0.14.1 and mark the plan low-confidence.',
  ),
  C11: c(
    'Current LTS',
    'Reference prose says 3.10; product data says 3.14.',
    [
      { claim: 'current LTS is 3.10', sources: ['DEV:reference'] },
      { claim: '3.14 is LTS', sources: ['DEV:gw-yml'] },
    ],
    'Use the product data file.',
  ),
  C12: c(
    'Release and EOL dates',
    'Data files disagree by a few days.',
    [
      { claim: 'products file dates', sources: ['DEV:gw-yml'] },
      { claim: 'support file dates', sources: ['DEV:support-yml'] },
    ],
    'Show the products-file EOL and the earliest patch date.',
  ),
};

export const plannerRules: Record<string, R> = {
  // Not in upgrade-rules.md: the Kong Helm chart's own upgrade notes (part 3 §2b of the brief).
  HELM1: r(
    'Helm runs the migrations',
    'helm upgrade starts a job for migrations up, rolls the new pods, then starts a job for migrations finish; releases split across several Helm releases choose per release which of the two jobs run.',
    ['HELM:kong'],
    'fact',
  ),
  HELM2: r(
    'The chart does not check the path',
    'The chart automates migrations but not the upgrade path, so the chart version and the Kong version are upgraded separately and each Kong hop follows the plan.',
    ['HELM:kong'],
    'should',
  ),
  P1: r('Refusals', 'Refuse a target line the edition does not ship, and any downgrade (restore a backup instead).', ['DATA:releases'], 'must'),
  P2: r('Allowed edges', 'Only adjacent minors, Enterprise adjacent-LTS jumps, 2.8 to 3.0, and the documented pre-3.0 jumps.', [], 'must'),
  P3: r('Stage on 2.8', 'Below 2.8 with a 3.x target, reach 2.8 first; that stop is at least 2.8.2.', [], 'must'),
  P4: r('Shortest path', 'Fewest hops, ties broken by ascending versions; the route onward from a stop depends only on that stop.', [], 'must'),
  P5: r('Rendering', 'A stop means the newest patch of its line; floors are shown where a rule sets a minimum.', [], 'must'),
  P6: r('Patch pre-hops', 'Required pre-hops on the current line come first; the newest patch of the current line is recommended.', [], 'must'),
  P8: r('Blockers and warnings', 'Cassandra at 3.4+ and Dev Portal/Vitals past 3.5 block; other risks warn.', [], 'must'),
  P9: r('Published alternatives', 'Shorter routes that Kong published are reported, never taken by default.', ['DOCS:tables'], 'must'),
};

// -----------------------------------------------------------------------------------------
// Graph
// -----------------------------------------------------------------------------------------

export const edges: EdgeRule[] = [
  { id: 'oss-0.14-to-1.x', editions: ['oss'], from: { lines: ['0.14'] }, to: { min: '1.0', max: '1.5' }, whenTarget: { max: '1.5' }, rules: ['O3'] },
  { id: 'oss-0.14-to-1.5', editions: ['oss'], from: { lines: ['0.14'] }, to: { lines: ['1.5'] }, whenTarget: { min: '2.0' }, rules: ['O3', 'O7'] },
  { id: 'oss-0.15-to-1.0', editions: ['oss'], from: { lines: ['0.15'] }, to: { lines: ['1.0'] }, rules: ['E1'], lowConfidence: true },
  { id: 'oss-1.x-to-later', editions: ['oss'], from: { min: '1.0', max: '1.5' }, to: { min: '1.0', max: '2.8' }, rules: ['O3', 'O7'] },
  { id: 'oss-2.x-to-later', editions: ['oss'], from: { min: '2.0', max: '2.8' }, to: { min: '2.0', max: '2.8' }, rules: ['O7'] },
  { id: 'ee-legacy-to-0.34', editions: ['enterprise'], from: { min: '0.29', max: '0.33' }, to: { lines: ['0.34'] }, rules: ['E1'] },
  { id: 'ee-0.34-to-0.35', editions: ['enterprise'], from: { lines: ['0.34'] }, to: { lines: ['0.35'] }, rules: ['E1'] },
  { id: 'ee-0.35-to-0.36', editions: ['enterprise'], from: { lines: ['0.35'] }, to: { lines: ['0.36'] }, rules: ['E2'] },
  { id: 'ee-0.36-to-1.3', editions: ['enterprise'], from: { lines: ['0.36'] }, to: { lines: ['1.3'] }, rules: ['E2'] },
  { id: 'ee-1.3-to-1.5', editions: ['enterprise'], from: { lines: ['1.3'] }, to: { lines: ['1.5'] }, rules: ['E2'] },
  { id: 'ee-1.5-to-2.1', editions: ['enterprise'], from: { lines: ['1.5'] }, to: { lines: ['2.1'] }, rules: ['E2'] },
  { id: 'ee-direct-to-2.7-2.8', editions: ['enterprise'], from: { min: '1.0', max: '2.7' }, to: { lines: ['2.7', '2.8'] }, rules: ['E4', 'C9'] },
  { id: 'enter-3.x', editions: ['oss', 'enterprise'], from: { lines: ['2.8'] }, to: { lines: ['3.0'] }, rules: ['M1'] },
];

export const floors: FloorRule[] = [
  { id: 'ee-3.1-hybrid-fix', edition: 'enterprise', line: '3.1', version: '3.1.1.3', rules: ['C1', 'X2', 'X1'] },
  { id: 'ee-2.8-from-2.x', edition: 'enterprise', line: '2.8', version: '2.8.2.0', whenFromLine: { max: '2.7' }, whenTarget: { min: '3.0' }, rules: ['C2', 'M4', 'P3'] },
  { id: 'oss-2.8-from-2.x', edition: 'oss', line: '2.8', version: '2.8.2', whenFromLine: { max: '2.7' }, whenTarget: { min: '3.0' }, rules: ['C2', 'M4', 'P3'] },
  { id: 'oss-0.14', edition: 'oss', line: '0.14', version: '0.14.1', rules: ['O3', 'C10'] },
  { id: 'oss-0.4', edition: 'oss', line: '0.4', version: '0.4.2', rules: ['O1'] },
  { id: 'ee-0.34', edition: 'enterprise', line: '0.34', version: '0.34-1', rules: ['E1'] },
];

export const prehops: PrehopRule[] = [
  { id: 'ee-3.1-hybrid', edition: 'enterprise', line: '3.1', minimum: '3.1.1.3', required: true, topologies: ['hybrid', 'konnect'], whenTarget: { min: '3.2' }, rules: ['X1', 'X2', 'C1'] },
  { id: 'ee-2.8-blue-green', edition: 'enterprise', line: '2.8', minimum: '2.8.2.0', required: true, blueGreen: true, whenTarget: { min: '3.0' }, rules: ['M4'] },
  { id: 'oss-2.8-blue-green', edition: 'oss', line: '2.8', minimum: '2.8.2', required: true, blueGreen: true, whenTarget: { min: '3.0' }, rules: ['M4'] },
  { id: 'oss-0.4', edition: 'oss', line: '0.4', minimum: '0.4.2', required: true, whenTarget: { min: '0.5' }, rules: ['O1'] },
  { id: 'ee-0.34-1', edition: 'enterprise', line: '0.34', minimum: '0.34-1', required: true, whenTarget: { min: '0.35' }, rules: ['E1'] },
  // Kong's own kong.conf pre-check ships from these patches (L8, L9); optional, recommended (L4).
  { id: 'ee-2.8-precheck', edition: 'enterprise', line: '2.8', minimum: '2.8.4.14', required: false, whenNextLine: '3.4', rules: ['L8', 'L4'] },
  { id: 'ee-3.10-preflight', edition: 'enterprise', line: '3.10', minimum: '3.10.0.11', required: false, whenNextLine: '3.14', rules: ['L9', 'L4'] },
];

export const deckConvert: DeckConvertRule[] = [
  { fromLine: { lines: ['2.8'] }, toLine: { lines: ['3.4'] }, deckFrom: '2.8', deckTo: '3.4', rules: ['L5', 'M6', 'K5'] },
  { fromLine: { lines: ['3.4'] }, toLine: { lines: ['3.10'] }, deckFrom: '3.4', deckTo: '3.10', rules: ['L5', 'K5'] },
  { fromLine: { lines: ['3.10'] }, toLine: { lines: ['3.14'] }, deckFrom: '3.10', deckTo: '3.14', rules: ['L5', 'K5'] },
  { fromLine: { min: '2.0', max: '2.8' }, toLine: { min: '3.0', max: '3.99' }, deckFrom: 'kong-gateway-2.x', deckTo: 'kong-gateway-3.x', rules: ['M6', 'K5'] },
];

export const strategies: StrategyRule[] = [
  {
    kind: 'dual-cluster',
    topologies: ['traditional', 'hybrid'],
    why: 'A second cluster on a restored copy of the database keeps the old one serving and gives an easy way back; pick in-place only if a second cluster is not possible.',
    rules: ['S1', 'S2'],
  },
  {
    kind: 'in-place',
    topologies: ['traditional', 'hybrid'],
    why: 'Reuses the existing database with downtime while migrations run; the simplest route when no second cluster can be built.',
    rules: ['S1'],
  },
  {
    kind: 'blue-green',
    topologies: ['traditional', 'hybrid'],
    why: 'Old and new nodes share one database between migrations up and finish; Kong supports it only between patches of a line, and into 3.x only from 2.8.2.',
    rules: ['S1', 'M4'],
  },
  { kind: 'rolling', topologies: ['dbless', 'konnect'], why: 'Nodes without a database are replaced one group at a time behind the load balancer.', rules: ['S5', 'S6'] },
];

const DB: StepRule['when'] = { topologies: ['traditional', 'hybrid'] };

export const steps: StepRule[] = [
  // before
  { id: 'prepare-platform', phase: 'before', text: 'Check that {toLine} supports your OS, PostgreSQL, Kubernetes/Helm and hardware (see the distributions in the release facts).', rules: ['K1'] },
  {
    id: 'prepare-changelog',
    phase: 'before',
    text: 'Go through every breaking change and deprecation between {from} and {to} listed for this hop (patch releases included) and update kong.conf and KONG_* variables to match.',
    rules: ['K1', 'V7', 'X8'],
  },
  { id: 'prepare-custom-plugins', phase: 'before', text: "Review custom plugins against this hop's changes and test them on {toLine}.", when: { flags: ['customPlugins'] }, rules: ['K1'] },
  {
    id: 'prepare-custom-plugins-3x',
    phase: 'before',
    text: 'Custom plugins crossing into 3.x: check plugin priorities, removed fields and PDK calls, and make sure each plugin declares PRIORITY and VERSION.',
    when: { crosses: '3.0', flags: ['customPlugins'] },
    rules: ['M7'],
  },
  {
    id: 'prepare-nginx-template',
    phase: 'before',
    text: 'Compare your custom Nginx templates (nginx-kong.conf, nginx-kong-stream.conf) with the default templates of {to} and port every difference.',
    when: { flags: ['customNginxTemplate'] },
    rules: ['K1'],
  },
  { id: 'prepare-license', phase: 'before', text: 'Have the Enterprise license ready to apply to the upgraded cluster.', when: { editions: ['enterprise'], lineChange: true }, rules: ['K1'] },
  { id: 'prepare-deck', phase: 'before', text: 'Install the latest decK release (needed for deck file convert on this hop).', when: { deckConvert: true }, rules: ['L5'] },
  {
    id: 'prepare-dbless-convert',
    phase: 'before',
    text: 'DB-less nodes run no migrations: convert the declarative file for {toLine} before starting new nodes.',
    command: 'deck file convert --from {deckFrom} --to {deckTo} --input-file kong.yaml --output-file kong-{toLine}.yaml',
    when: { topologies: ['dbless'], deckConvert: true },
    rules: ['M6', 'K5'],
  },
  {
    id: 'prepare-dbless-validate',
    phase: 'before',
    text: 'Validate the declarative file against {toLine}.',
    command: 'deck gateway validate kong.yaml   # or: kong config parse kong.yaml (run with the {toLine} binary)',
    when: { topologies: ['dbless', 'konnect'] },
    rules: ['S5'],
  },
  {
    id: 'precheck-lts-34',
    phase: 'before',
    text: "Run Kong's own kong.conf pre-check for 3.4 with the 2.8 Enterprise binary (2.8.4.14 or later; move to such a patch first if you run an older one) and fix what it reports. It reads kong.conf only: entities still go through deck file convert.",
    command: 'kong check --lts-34-compatibility <kong.conf>',
    when: { editions: ['enterprise'], leaves: '2.8', lands: '3.4' },
    rules: ['L8', 'L10'],
  },
  {
    id: 'precheck-lts-314',
    phase: 'before',
    text: "Run Kong's own kong.conf pre-check for 3.14 with the 3.10 Enterprise binary (3.10.0.11 or later; move to such a patch first if you run an older one) and fix what it reports. It reads kong.conf only: entities still go through deck file convert.",
    command: 'kong check --lts-314-compatibility <kong.conf>',
    when: { editions: ['enterprise'], leaves: '3.10', lands: '3.14' },
    rules: ['L9', 'L10'],
  },
  { id: 'prepare-preprod', phase: 'before', text: 'Rehearse this hop in a pre-production environment first.', rules: ['K1'] },
  {
    id: 'helm-separate',
    phase: 'before',
    text: 'Upgrade the Helm chart version and the Kong image in separate helm upgrade runs; the chart does not check that the Kong version jump is an allowed path.',
    when: { flags: ['helm'] },
    rules: ['HELM2', 'K1'],
  },
  {
    id: 'freeze',
    phase: 'before',
    text: 'Freeze configuration: no Admin API writes, no direct database edits, no Kong Manager, decK or kong config changes until the hop is finished.',
    when: DB,
    rules: ['K2', 'S8'],
  },
  {
    id: 'freeze-dbless',
    phase: 'before',
    text: 'Freeze configuration: stop pushing POST /config and do not change the declarative file until the hop is finished.',
    when: { topologies: ['dbless'] },
    rules: ['K2', 'S5'],
  },
  { id: 'freeze-konnect', phase: 'before', text: 'Freeze configuration changes in Konnect for the control plane group being upgraded.', when: { topologies: ['konnect'] }, rules: ['K2', 'S8'] },
  {
    id: 'backup-pg',
    phase: 'before',
    text: 'Take a native database backup (migrations cannot be undone).',
    command: 'pg_dump -F d -f kong-backup-{from} <database>',
    when: { topologies: ['traditional', 'hybrid'], flagsNot: ['cassandra'] },
    rules: ['K3'],
  },
  {
    id: 'backup-cassandra',
    phase: 'before',
    text: 'Take a native backup of the Cassandra keyspace (snapshot) before any migration.',
    when: { topologies: ['traditional', 'hybrid'], flags: ['cassandra'] },
    rules: ['K3'],
  },
  {
    id: 'backup-deck',
    phase: 'before',
    text: 'Also dump the entities declaratively (it misses RBAC, credentials, keyring and license on Enterprise).',
    command: 'deck gateway dump --all-workspaces -o kong-backup-{from}.yaml',
    when: { topologies: ['traditional', 'hybrid'], editions: ['enterprise'] },
    rules: ['K3'],
  },
  {
    id: 'backup-deck-oss',
    phase: 'before',
    text: 'Also dump the entities declaratively.',
    command: 'deck gateway dump -o kong-backup-{from}.yaml',
    when: { topologies: ['traditional', 'hybrid'], editions: ['oss'] },
    rules: ['K3'],
  },
  {
    id: 'backup-db-export',
    phase: 'before',
    text: 'As a last-resort copy, export the database content with Kong itself.',
    command: 'kong config db_export kong-export-{from}.yaml',
    when: DB,
    rules: ['K3'],
  },
  {
    id: 'backup-dbless',
    phase: 'before',
    text: 'Copy the declarative file that declarative_config points to.',
    command: 'cp "$KONG_DECLARATIVE_CONFIG" kong-backup-{from}.yaml',
    when: { topologies: ['dbless'] },
    rules: ['K3', 'S5'],
  },
  {
    id: 'backup-konnect',
    phase: 'before',
    text: 'Dump the control plane configuration from Konnect (decK 1.40.0 or later) and save Dev Portal and Catalog content separately.',
    command: 'deck gateway dump --konnect-token <token> --konnect-control-plane-name <name> -o konnect-backup.yaml',
    when: { topologies: ['konnect'] },
    rules: ['K3'],
  },
  { id: 'backup-conf', phase: 'before', text: 'Keep copies of kong.conf and the files in the Kong prefix (keys, certificates, Nginx templates).', rules: ['K3'] },
  { id: 'backup-keyring', phase: 'before', text: 'Export the keyring material: without it, encrypted fields in a restored database cannot be read.', when: { flags: ['keyring'] }, rules: ['K3'] },
  {
    id: 'backup-keyring-maybe',
    phase: 'before',
    text: 'If data encryption (keyring) is on, export the keyring material as well.',
    when: { editions: ['enterprise'], flagsUnknown: ['keyring'] },
    rules: ['K3'],
  },
  // during
  {
    id: 'hybrid-cp-first',
    phase: 'during',
    text: 'Upgrade every control plane before touching any data plane; a data plane must never run a newer minor than its control plane.',
    when: { topologies: ['hybrid'] },
    rules: ['S3', 'H1', 'H5'],
  },
  {
    id: 'dual-restore',
    phase: 'during',
    text: 'Create the new database for cluster Y and restore the backup into it.',
    command: 'pg_restore -d <new-database> kong-backup-{from}',
    when: { topologies: ['traditional', 'hybrid'], strategies: ['dual-cluster'] },
    rules: ['S1', 'S2', 'K4'],
  },
  {
    id: 'inplace-stop',
    phase: 'during',
    text: 'Stop the old nodes (X); the upgrade runs with downtime from here.',
    when: { topologies: ['traditional', 'hybrid'], strategies: ['in-place'] },
    rules: ['S1', 'K4'],
  },
  {
    id: 'migrations-up',
    phase: 'during',
    text: 'With the {to} binary, run the non-destructive migrations against the database Y will use.',
    command: 'kong migrations up',
    when: DB,
    rules: ['K4', 'O6', 'S2'],
  },
  {
    id: 'migrations-force',
    phase: 'during',
    text: 'If plugins not loaded before are being enabled, run migrations up and finish with -f so their schemas are upgraded.',
    command: 'kong migrations up -f',
    when: DB,
    rules: ['X9'],
  },
  {
    id: 'bg-start',
    phase: 'during',
    text: 'Start the new nodes next to the old ones on the shared database and shift traffic to them gradually.',
    when: { topologies: ['traditional', 'hybrid'], strategies: ['blue-green'] },
    rules: ['S1', 'K4'],
  },
  {
    id: 'migrations-finish',
    phase: 'during',
    text: 'Complete the migrations; after this the old nodes can no longer use the database.',
    command: 'kong migrations finish',
    when: { topologies: ['traditional', 'hybrid'], strategies: ['dual-cluster', 'in-place'] },
    rules: ['K4', 'O6'],
  },
  { id: 'migrations-list', phase: 'during', text: 'Check the migration state at any time.', command: 'kong migrations list', when: DB, rules: ['K4'] },
  {
    id: 'start-new',
    phase: 'during',
    text: 'Start the {to} nodes (Y) on the migrated database.',
    when: { topologies: ['traditional', 'hybrid'], strategies: ['dual-cluster', 'in-place'] },
    rules: ['K4'],
  },
  { id: 'dual-shift', phase: 'during', text: 'Shift traffic from X to Y gradually.', when: { topologies: ['traditional'], strategies: ['dual-cluster'] }, rules: ['S1', 'K4'] },
  {
    id: 'hybrid-plugins-cp',
    phase: 'during',
    text: 'Install the custom plugins for {toLine} on the control plane first, then on the data planes.',
    when: { topologies: ['hybrid', 'konnect'], flags: ['customPlugins'] },
    rules: ['S4', 'H3'],
  },
  {
    id: 'hybrid-dp-rolling',
    phase: 'during',
    text: 'Roll the data planes: add {to} DP nodes pointed at the upgraded CP, move traffic to them, then remove the old DPs.',
    when: { topologies: ['hybrid'] },
    rules: ['S4', 'K4'],
  },
  {
    id: 'hybrid-dp-3x',
    phase: 'during',
    text: 'The 3.x control plane refuses 2.x data planes: the old DPs keep serving their last config until replaced, so replace them promptly.',
    when: { topologies: ['hybrid'], crosses: '3.0' },
    rules: ['H6'],
  },
  {
    id: 'rolling',
    phase: 'during',
    text: 'Rolling upgrade: start {to} nodes with the (converted) declarative file, move traffic to them, then retire the old nodes.',
    when: { topologies: ['dbless'] },
    rules: ['S5', 'K4'],
  },
  {
    id: 'konnect-rolling',
    phase: 'during',
    text: 'Rolling upgrade of the data planes: add {to} DPs to the control plane group, move traffic, remove the old DPs.',
    when: { topologies: ['konnect'] },
    rules: ['S6', 'K4'],
  },
  {
    id: 'deck-convert',
    phase: 'during',
    text: 'Convert the decK dump taken before the hop for this version pair, review it, and sync the result to the new version (never sync the old file unconverted).',
    command: 'deck file convert --from {deckFrom} --to {deckTo} --input-file kong-backup-{from}.yaml --output-file kong-{toLine}.yaml',
    when: { topologies: ['traditional', 'hybrid', 'konnect'], deckConvert: true },
    rules: ['K5', 'M6', 'L5'],
  },
  {
    id: 'helm-migrations',
    phase: 'during',
    text: 'helm upgrade runs the migrations as Kubernetes jobs: a job for "up" (migrations.preUpgrade) before the new pods roll out, and a job for "finish" (migrations.postUpgrade) once they are ready.',
    command: 'helm upgrade <release> kong/kong -f values.yaml --set image.tag={to}',
    when: { flags: ['helm'], topologies: ['traditional', 'hybrid'] },
    rules: ['HELM1', 'K4'],
  },
  {
    id: 'helm-split-releases',
    phase: 'during',
    text: 'If Kong is split over several Helm releases (for example control plane and data planes, or admin and proxy nodes), enable migrations.preUpgrade only on the release upgraded first and migrations.postUpgrade only on the one upgraded last.',
    when: { flags: ['helm'], topologies: ['traditional', 'hybrid'] },
    rules: ['HELM1', 'S3'],
  },
  {
    id: 'helm-split',
    phase: 'during',
    text: 'To verify before finishing, run the first helm upgrade with migrations.postUpgrade=false, and a second one with migrations.preUpgrade=false and migrations.postUpgrade=true once the new pods are verified.',
    command: 'helm upgrade <release> kong/kong -f values.yaml --set migrations.preUpgrade=true --set migrations.postUpgrade=false',
    when: { flags: ['helm'], topologies: ['traditional', 'hybrid'], strategies: ['blue-green', 'dual-cluster'] },
    rules: ['HELM1', 'K4'],
  },
  {
    id: 'helm-dbless',
    phase: 'during',
    text: 'DB-less on Helm: no migration jobs run; ship the converted declarative file with the new image tag and let the Deployment roll.',
    command: 'helm upgrade <release> kong/kong -f values.yaml --set image.tag={to}',
    when: { flags: ['helm'], topologies: ['dbless'] },
    rules: ['HELM1', 'S5'],
  },
  // after
  {
    id: 'bg-finish',
    phase: 'after',
    text: 'Once the new nodes are verified, complete the migrations; from then on the old nodes cannot use the database.',
    command: 'kong migrations finish',
    when: { topologies: ['traditional', 'hybrid'], strategies: ['blue-green'] },
    rules: ['K4', 'S1'],
  },
  { id: 'verify', phase: 'after', text: 'Run smoke tests (for example requests through authentication plugins) and watch proxy latency and error rates.', rules: ['K6'] },
  {
    id: 'verify-hybrid',
    phase: 'after',
    text: 'Confirm every data plane is connected and in sync with the control plane.',
    command: 'curl -s http://<cp-admin>:8001/clustering/data-planes',
    when: { topologies: ['hybrid'] },
    rules: ['K6'],
  },
  { id: 'verify-konnect', phase: 'after', text: 'Confirm every data plane reports the expected configuration hash in Konnect.', when: { topologies: ['konnect'] }, rules: ['K6'] },
  {
    id: 'fallback-reexport',
    phase: 'after',
    text: 'Export the cluster fallback configuration again from an upgraded node (exporter and importer must run the same exact version).',
    when: { topologies: ['hybrid'], flags: ['clusterFallback'] },
    rules: ['X10'],
  },
  { id: 'finish', phase: 'after', text: 'Retire the old nodes, lift the configuration freeze, and keep monitoring for a while.', rules: ['K7'] },
  {
    id: 'rollback-traffic',
    phase: 'after',
    text: 'Way back if something is wrong: send traffic to the old nodes again (possible until they are retired).',
    when: { topologies: ['traditional', 'hybrid', 'dbless', 'konnect'], lineChange: true },
    rules: ['K8'],
  },
  {
    id: 'rollback-restore',
    phase: 'after',
    text: 'Last resort: bootstrap an empty database with the old version and restore the dump; use deck gateway sync or kong config db_import only if that fails.',
    command: 'kong migrations bootstrap && pg_restore -d <database> kong-backup-{from}',
    when: DB,
    rules: ['K8'],
  },
];

export const notes: NoteRule[] = [
  {
    id: 'cassandra-blocker',
    severity: 'blocker',
    text: 'Cassandra is not supported from 3.4: migrate to PostgreSQL (with Kong support) before this hop.',
    when: { landsAtLeast: '3.4', crosses: '3.4', flags: ['cassandra'] },
    rules: ['X5', 'L6'],
  },
  {
    id: 'devportal-blocker',
    severity: 'blocker',
    text: 'Dev Portal (classic) and Vitals are not part of 3.5 and later: plan their replacement with Kong support before this hop.',
    when: { editions: ['enterprise'], crosses: '3.5', flags: ['devPortalOrVitals'] },
    rules: ['X6', 'L6'],
  },
  {
    id: 'devportal-check',
    severity: 'warning',
    text: 'This hop passes 3.5, where Dev Portal (classic) and Vitals are dropped: check whether you use them.',
    when: { editions: ['enterprise'], crosses: '3.5', flagsUnknown: ['devPortalOrVitals'] },
    rules: ['X6'],
  },
  {
    id: 'oss-hybrid-3.1',
    severity: 'warning',
    text: 'Open-source hybrid through 3.1: the 3.1 and 3.2 sync protocols differ, so data planes stop receiving config from the newer control plane until they are upgraded too (they keep their cached config).',
    when: { editions: ['oss'], topologies: ['hybrid'], touches: '3.1' },
    rules: ['X4', 'X1'],
  },
  {
    id: 'consumer-groups-3.4',
    severity: 'warning',
    text: 'A 3.4 control plane with 3.3-or-older data planes is unsupported when plugins are scoped to consumer groups: remove those scopes or keep the period with old DPs as short as possible.',
    when: { editions: ['enterprise'], topologies: ['hybrid'], crosses: '3.4', flagsNotFalse: ['consumerGroupPlugins'] },
    rules: ['X7'],
  },
  {
    id: 'declarative-3.0',
    severity: 'warning',
    text: 'Into 3.x: declarative files need _format_version "3.0" and regex route paths need a ~ prefix; convert the decK state with deck file convert instead of syncing a 2.x file.',
    when: { crosses: '3.0' },
    rules: ['M6'],
  },
  {
    id: 'custom-plugins-3.0',
    severity: 'warning',
    text: 'Custom plugins must be reviewed for 3.0 (priorities, removed fields, PDK) and must declare PRIORITY and VERSION.',
    when: { crosses: '3.0', flagsNotFalse: ['customPlugins'] },
    rules: ['M7'],
  },
  {
    id: 'os-3.10',
    severity: 'warning',
    text: 'Debian 10, CentOS 7 and RHEL 7 builds end with 3.4.3.12: move to a supported OS before 3.10.',
    when: { editions: ['enterprise'], crosses: '3.10' },
    rules: ['L6'],
  },
  {
    id: 'tls-3.14',
    severity: 'warning',
    text: 'From 3.14 TLS verification is stricter: pg_ssl_verify = off, services with tls_verify = false and plugin or Redis TLS fields can stop DB-less startup or hybrid config sync.',
    when: { editions: ['enterprise'], crosses: '3.14' },
    rules: ['L6'],
  },
  { id: 'oidc-claim', severity: 'info', text: 'Kong Manager OIDC: replace consumer_claim with admin_claim.', when: { editions: ['enterprise'], crosses: '2.7' }, rules: ['E5'] },
  { id: 'apis-1.0', severity: 'warning', text: 'Kong 1.0 refuses to migrate while /apis entities exist: recreate them as Services and Routes first.', when: { crosses: '1.0' }, rules: ['O4'] },
];

export const templateChanges: TemplateChange[] = [{ version: '3.0', removed: 'Kong.serve_admin_api', replacement: 'Kong.admin_content', ref: '3.0.0.0/kong-ee[86]' }];

export const tables: PublishedTables = {
  targets: ['3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7', '3.8'],
  rowsFor: {
    traditional: ['2.x-2.7.x', '2.8.x', 'line'],
    hybrid: ['2.x-2.7.x', '2.8.x', '3.1.0.x-3.1.1.2', '3.1.1.3', 'line'],
    dbless: ['2.x-2.7.x', '2.8.x', 'line'],
  },
  templates: [
    // target 3.1 (last revision, after PR 8010)
    { targets: { lines: ['3.1'] }, rows: ['2.x-2.7.x'], topologies: ['traditional'], path: ['2.8.2.x?bg', '3.0', '3.1.1.3'], rules: ['T2', 'T3'] },
    { targets: { lines: ['3.1'] }, rows: ['2.x-2.7.x'], topologies: ['hybrid'], path: ['2.8.2.x', '3.0', '3.1.1.3'], rules: ['T2', 'T3'] },
    { targets: { lines: ['3.1'] }, rows: ['2.x-2.7.x'], topologies: ['dbless'], path: ['2.8.x', '3.1.1.3'], rules: ['T3', 'C6'] },
    { targets: { lines: ['3.1'] }, rows: ['2.8.x', 'line'], topologies: ['traditional', 'hybrid', 'dbless'], path: ['3.1.1.3'], rules: ['T3', 'X3'] },
    // targets 3.2-3.4
    { targets: { min: '3.2', max: '3.4' }, rows: ['2.x-2.7.x'], topologies: ['traditional'], path: ['2.8.2.x?bg', '3.0', '..'], rules: ['T2'] },
    { targets: { min: '3.2', max: '3.4' }, rows: ['2.x-2.7.x'], topologies: ['hybrid'], path: ['2.8.2.x', '3.0', '..'], rules: ['T2'] },
    { targets: { min: '3.2', max: '3.4' }, rows: ['2.x-2.7.x'], topologies: ['dbless'], path: ['3.0', '..'], rules: ['T2'] },
    { targets: { lines: ['3.4'] }, rows: ['2.8.x'], topologies: ['traditional', 'hybrid', 'dbless'], path: ['3.4'], rules: ['T3', 'L1'] },
    { targets: { min: '3.2', max: '3.3' }, rows: ['2.8.x'], topologies: ['traditional', 'hybrid', 'dbless'], path: ['3.1.1.3', '..'], rules: ['T3'] },
    { targets: { min: '3.2', max: '3.4' }, rows: ['3.1.0.x-3.1.1.2'], topologies: ['hybrid'], path: ['3.1.1.3', '..'], rules: ['T1', 'X2'] },
    { targets: { min: '3.2', max: '3.4' }, rows: ['3.1.1.3', 'line'], topologies: ['traditional', 'hybrid', 'dbless'], path: ['..'], rules: ['T1'] },
    // targets 3.5-3.8
    { targets: { min: '3.5', max: '3.8' }, rows: ['2.x-2.7.x'], topologies: ['traditional'], path: ['2.8.2.x?bg', '3.4', '..'], rules: ['T4'] },
    { targets: { min: '3.5', max: '3.8' }, rows: ['2.x-2.7.x'], topologies: ['hybrid'], path: ['2.8.2.x', '3.4', '..'], rules: ['T4'] },
    { targets: { min: '3.5', max: '3.8' }, rows: ['2.x-2.7.x'], topologies: ['dbless'], path: ['3.0', '..'], rules: ['T4'] },
    { targets: { min: '3.5', max: '3.8' }, rows: ['2.8.x'], topologies: ['traditional', 'hybrid', 'dbless'], path: ['3.4', '..'], rules: ['T4', 'L1'] },
    { targets: { min: '3.5', max: '3.8' }, rows: ['3.1.0.x-3.1.1.2'], topologies: ['hybrid'], path: ['3.1.1.3', '..'], rules: ['T4', 'X2'] },
    { targets: { min: '3.5', max: '3.8' }, rows: ['3.1.1.3'], topologies: ['hybrid'], path: ['3.4', '..'], rules: ['T4'] },
    { targets: { min: '3.5', max: '3.8' }, rows: ['line'], rowLines: { min: '3.0', max: '3.3' }, topologies: ['traditional', 'hybrid', 'dbless'], path: ['3.4', '..'], rules: ['T4', 'C3'] },
    { targets: { min: '3.5', max: '3.8' }, rows: ['line'], rowLines: { min: '3.4' }, topologies: ['traditional', 'hybrid', 'dbless'], path: ['..'], rules: ['T4', 'C8'] },
  ],
  rules: ['T1', 'T5', 'C8'],
};

export const shortcuts: ShortcutRule[] = [
  {
    id: '2.8-to-3.1.1.3',
    editions: ['enterprise'],
    at: { lines: ['2.8'] },
    stop: '3.1.1.3',
    line: '3.1',
    description: 'Since 3.1.1.3, 2.8 may go straight to 3.1.1.3 without the 3.0 stop.',
    rules: ['X3', 'C5'],
  },
  { id: '3.0-3.3-to-3.4', editions: ['enterprise'], at: { min: '3.0', max: '3.3' }, stop: '3.4', line: '3.4', description: 'The 3.5-3.8 tables sent 3.0 to 3.3 straight to 3.4.', rules: ['T4', 'C3'] },
  {
    id: '2.x-to-3.0',
    editions: ['enterprise', 'oss'],
    at: { min: '2.1', max: '2.7' },
    atCurrentOnly: true,
    stop: '3.0',
    line: '3.0',
    topologies: ['traditional', 'dbless'],
    notBlueGreen: true,
    description: 'The 3.0 page names 2.1 as the lowest source for 3.0, so the 2.8 stop could be skipped without blue-green.',
    rules: ['M2', 'T2', 'C2'],
  },
];
