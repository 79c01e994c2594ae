/**
 * Does this workspace hold Kong files? Decides the `kong.workspaceHasKongFiles` context key
 * that shows the Upgrade Path view. Pure (no vscode import) so unit tests can run it;
 * features/kongFilesContext.ts does the workspace search with these patterns.
 */

/** The context key the Upgrade Path view's `when` clause reads. */
export const HAS_KONG_FILES = 'kong.workspaceHasKongFiles';

/** Names that are Kong files whatever they hold (the language server's name detection). One level of braces: VS Code's search (ripgrep) refuses nested groups. */
export const KONG_NAME_GLOB =
  '**/{kong.conf,*.kong.conf,kong.conf.j2,kong.conf.jinja,kong.conf.jinja2,kong.conf.template,kong.conf.tmpl,kong.conf.tpl,kong.conf.gotmpl,kong.conf.ctmpl,kong.conf.erb,*.kong.conf.j2,*.kong.conf.jinja,*.kong.conf.jinja2,*.kong.conf.template,*.kong.conf.tmpl,*.kong.conf.tpl,*.kong.conf.gotmpl,*.kong.conf.ctmpl,*.kong.conf.erb,kong.yml,kong.yaml,kong.json,*.kong.yml,*.kong.yaml,*.kong.json,nginx-kong*.conf}';

/** Files that are Kong files only when their content says so (KONG_* variables, decK, Kong images, Kong CRDs). */
export const KONG_CONTENT_GLOB = '**/{docker-compose*.yml,docker-compose*.yaml,compose*.yml,compose*.yaml,.env,*.env,*.yml,*.yaml}';

/** What the file watcher looks at to search again. */
export const WATCH_GLOB = '**/{*.conf,*.conf.*,*.env,.env,*.yml,*.yaml,*.json}';

export const EXCLUDE_GLOB = '**/{node_modules,.git,.hg,.svn,dist,out,build,vendor,.venv,target}/**';

/** How many content candidates are read, and how much of each. */
export const MAX_CONTENT_FILES = 60;
export const MAX_CONTENT_BYTES = 64 * 1024;

const KONG_CONTENT = [
  // A KONG_<NAME> variable set (compose environment map or list, .env, Kubernetes env name).
  /(^|[\s"'-])KONG_[A-Z][A-Z0-9_]*\s*[:=]/m,
  /name:\s*["']?KONG_[A-Z][A-Z0-9_]*/,
  // A decK / DB-less file.
  /^\s*["']?_format_version["']?\s*:/m,
  // A Kong image (docker-compose, Kubernetes, Helm values).
  /image:\s*["']?(?:[\w.-]+(?::\d+)?\/)*kong(?:-gateway)?(?:[:@"'\s]|$)/m,
  /repository:\s*["']?(?:[\w.-]+\/)*kong(?:-gateway)?["']?\s*$/m,
  // Kong's Kubernetes resources.
  /^kind:\s*Kong(?:Plugin|ClusterPlugin|Consumer|Ingress)\b/m,
];

/** True when the text (the first MAX_CONTENT_BYTES of a candidate) is Kong configuration. */
export function looksLikeKongContent(text: string): boolean {
  const head = text.length > MAX_CONTENT_BYTES ? text.slice(0, MAX_CONTENT_BYTES) : text;
  return KONG_CONTENT.some((re) => re.test(head));
}
