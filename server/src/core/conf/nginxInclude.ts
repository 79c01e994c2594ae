/**
 * Nginx configuration files that sit beside kong.conf. Kong's documentation names its
 * `nginx_http_include` example `my-server.kong.conf` (a `server { … }` block), and users
 * follow it, so a `*.kong.conf` name alone does not make a file a kong.conf: one that holds
 * Nginx directives and no `name = value` line is an Nginx include, and not ours.
 */
import { maskTemplate } from './template';

/** How many content lines are looked at. */
const MAX_LINES = 400;
const KONG_ENTRY = /^[ \t]*[A-Za-z0-9_][A-Za-z0-9_.-]*[ \t]*=/;
/** An Nginx statement or block line: ends with `;`, `{` or `}` (before a comment). */
const NGINX_LINE = /[;{}][ \t]*(#.*)?$/;

/** Nginx directives and no kong.conf entry among the first lines of `text`. */
export function looksLikeNginxConf(text: string): boolean {
  const head = text.length > 65_536 ? text.slice(0, 65_536) : text;
  const body = maskTemplate(head)?.text ?? head;
  let nginx = 0;
  let seen = 0;
  let pos = 0;
  while (pos < body.length && seen < MAX_LINES) {
    let eol = body.indexOf('\n', pos);
    if (eol < 0) eol = body.length;
    const line = body.slice(pos, eol).replace(/\r$/, '');
    pos = eol + 1;
    const t = line.trimStart();
    if (t === '' || t.startsWith('#')) continue;
    seen++;
    if (KONG_ENTRY.test(line)) return false;
    if (NGINX_LINE.test(line)) nginx++;
  }
  return nginx > 0;
}
