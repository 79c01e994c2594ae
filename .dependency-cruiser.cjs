// The layers of Kong Upgrade Assistant, checked by `npm run lint:deps` (part of `npm test`).
// See ARCHITECTURE.md. Paths are relative to the repository root.
//
//   client/src  ──>  server/src/protocol.ts  ──>  (core types, core/version)
//   server/src/server.ts (entry) ──> lsp/ ──┐
//   server/src/cli.ts, cli/ ────────────────┴──> server/src/knowledge.ts, core/
//
// Inside the core, from the bottom up (a layer imports only the ones below it):
//   schema     model.ts, knowledge/types.ts, knowledge/*Types.ts
//   base       util.ts, text.ts, version.ts, suggest.ts, yamlCursor.ts, yamlScalar.ts, markdown.ts
//   knowledge  knowledge/*.ts queries, context.ts (what a check runs against)
//   features   conf/, declarative/, env/, fileSettings.ts (parsers, rules, edits, per-kind hover/complete)
//   façade     check.ts, hover.ts, complete.ts (what the edges call)
//   planner    planner/
const CORE = '^server/src/core/';
/** The only packages the pure core may import. */
const PURE_LIBS = '^node_modules/(yaml|semver|fastest-levenshtein|minimatch)/';

const SCHEMA = `${CORE}(model\\.ts|knowledge/types\\.ts|knowledge/[A-Za-z]+Types\\.ts)$`;
const BASE = `${CORE}(util|text|version|suggest|yamlCursor|yamlScalar|markdown)\\.ts$`;
const KNOWLEDGE = `${CORE}(knowledge/|context\\.ts$)`;
const FEATURES = `${CORE}(conf/|declarative/|env/|fileSettings\\.ts$)`;
const FACADE = `${CORE}(check|hover|complete)\\.ts$`;
const PLANNER = `${CORE}planner/`;

/** A rule that files under `from` (but not `fromNot`) must not import files under `to` (a higher layer, or another edge). */
function notUp(name, from, fromNot, to, comment) {
  return { name, severity: 'error', comment, from: { path: from, ...(fromNot ? { pathNot: fromNot } : {}) }, to: { path: to } };
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make the layers meaningless and the load order fragile.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment:
        'The core (server/src/core) imports only its own files and a few pure libraries: no vscode, no LSP, no node:fs/process I/O, nothing from the edges.',
      from: { path: CORE },
      to: { pathNot: [CORE, PURE_LIBS] },
    },
    notUp('core-schema-is-bottom', SCHEMA, null, `${CORE}(?!(model\\.ts|knowledge/types\\.ts|knowledge/[A-Za-z]+Types\\.ts)$)`, 'Schema files (model, knowledge types) import only other schema files.'),
    notUp('core-base-below-knowledge', BASE, null, `${CORE}(knowledge/(?![A-Za-z]*[Tt]ypes\\.ts$)|context\\.ts$|conf/|declarative/|env/|fileSettings\\.ts$|check\\.ts$|hover\\.ts$|complete\\.ts$|planner/|rules/)`, 'util/text/version/suggest/yamlCursor import only the schema and each other.'),
    notUp('core-knowledge-below-features', KNOWLEDGE, null, `${CORE}(conf/|declarative/|env/|fileSettings\\.ts$|check\\.ts$|hover\\.ts$|complete\\.ts$|planner/)`, 'Knowledge queries do not know the rules, the façade or the planner.'),
    notUp('core-features-below-facade', FEATURES, null, `${CORE}(check\\.ts$|hover\\.ts$|complete\\.ts$|planner/)`, 'Feature modules never import the façade that calls them (take CheckEnv from context.ts).'),
    notUp('core-facade-below-planner', FACADE, null, PLANNER, 'The façade does not depend on the planner (knowledge schema lives in knowledge/).'),
    notUp('core-facade-files-independent', FACADE, null, FACADE, 'check, hover and complete are siblings; shared pieces go below them.'),
    notUp('core-declarative-self-contained', `${CORE}declarative/`, null, `${CORE}(conf|env)/`, 'Declarative files do not use the kong.conf or KONG_* modules.'),
    notUp('core-env-not-declarative', `${CORE}env/`, null, `${CORE}declarative/`, 'KONG_* sources do not use declarative modules (shared YAML helpers live below both).'),
    notUp('core-conf-not-others', `${CORE}conf/`, null, `${CORE}(env|declarative)/`, 'kong.conf modules do not use the KONG_* or declarative modules.'),
    notUp('lsp-not-cli', '^server/src/lsp/', null, ['^server/src/cli', '^server/src/server\\.ts$'], 'The language server and the CLI are two edges over the same core; neither imports the other.'),
    notUp('cli-not-lsp', '^server/src/cli', null, '^server/src/lsp/', 'The CLI uses the core, not the server. (cli.ts may start the server entry for `kong-upgrade lsp`.)'),
    {
      name: 'server-entry-only-from-cli-main',
      severity: 'error',
      comment: 'server.ts is an entry point: only cli.ts (the `lsp` subcommand) starts it.',
      from: { pathNot: '^server/src/cli\\.ts$' },
      to: { path: '^server/src/server\\.ts$' },
    },
    {
      name: 'knowledge-loader-reads-only-schema',
      severity: 'error',
      comment: 'server/src/knowledge.ts loads the JSON files; it needs only the schema.',
      from: { path: '^server/src/knowledge\\.ts$' },
      to: { path: CORE, pathNot: SCHEMA },
    },
    {
      name: 'protocol-is-shared-vocabulary',
      severity: 'error',
      comment: 'protocol.ts is shared with the client: it may use core types and the pure version and Markdown-escaping helpers, nothing of the edges.',
      from: { path: '^server/src/protocol\\.ts$' },
      to: { pathNot: [SCHEMA, `${CORE}(version\\.ts|markdown\\.ts|planner/types\\.ts)$`] },
    },
    {
      name: 'client-talks-protocol-only',
      severity: 'error',
      comment: 'The VS Code client reaches the server through LSP: from server/ it imports protocol.ts only, never core internals.',
      from: { path: '^client/src/' },
      to: { path: '^server/', pathNot: '^server/src/protocol\\.ts$' },
    },
    notUp('server-not-client', '^server/', null, '^client/', 'Nothing on the server side imports the VS Code client.'),
    {
      name: 'no-vscode-outside-client',
      severity: 'error',
      comment: 'Only the VS Code client may import vscode or vscode-languageclient.',
      from: { pathNot: '^client/src/' },
      to: { path: '^node_modules/(@types/vscode|vscode-languageclient)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
