/**
 * The Kong versions a workspace already names in its container images: docker-compose
 * `image: kong:2.8`, Kubernetes `image:` of containers, Helm values `image.repository` +
 * `image.tag` (or `image.unifiedRepoTag`), and Dockerfile `FROM kong:3.4`.
 *
 * Pure and bounded: one pass over the lines, no YAML composition (so no alias expansion,
 * no recursion), every value cut to a sane length. `kong/kong-gateway` (and the older
 * `kong-enterprise-edition`) images are Kong Gateway Enterprise; `kong` and `kong/kong`
 * are the open-source image.
 */
import type { Span } from './model';

export type ImageEdition = 'oss' | 'enterprise';

export interface KongImage {
  /** The reference as the file spells it after `${VAR:-default}` defaults, e.g. "kong/kong-gateway:3.4.3.19-ubuntu". */
  image: string;
  /** Repository without registry host and tag, e.g. "kong/kong-gateway". */
  repository: string;
  /** Tag as written, or null (none, or only a digest). */
  tag: string | null;
  /** The Kong version the tag names ("2.8", "3.4.3.19"), or null when it names none ("latest", a template). */
  version: string | null;
  edition: ImageEdition;
  /** Where the value is in the text. */
  span: Span;
  /** 0-based line of the value. */
  line: number;
  /** Which key or instruction holds it, e.g. "services.kong.image", "image.tag", "FROM". */
  key: string;
}

const MAX_LINES = 200_000;
const MAX_VALUE = 512;

/** Repository name (registry host and `library/` stripped) → edition, or null when it is not a Kong Gateway image. */
export function kongImageEdition(repository: string): ImageEdition | null {
  const parts = repository.toLowerCase().split('/').filter(Boolean);
  if (!parts.length) return null;
  // A first component with a dot, a colon or "localhost" is a registry host.
  if (parts.length > 1 && (/[.:]/.test(parts[0]!) || parts[0] === 'localhost')) parts.shift();
  const last = parts[parts.length - 1]!;
  if (last === 'kong-gateway' || last === 'kong-enterprise-edition' || last === 'kong-ee') return 'enterprise';
  if (last === 'kong') return 'oss';
  return null;
}

/** Split "registry/ns/repo:tag@sha256:…" into repository, tag and digest. Null when it is not an image reference. */
export function parseImageReference(ref: string): { repository: string; tag: string | null; digest: string | null } | null {
  const s = ref.trim();
  if (!s || s.length > MAX_VALUE || /\s/.test(s)) return null;
  let rest = s;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  // The tag is after the last colon that follows the last slash (a colon before it is a registry port).
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag: string | null = null;
  if (colon > slash) {
    tag = rest.slice(colon + 1) || null;
    rest = rest.slice(0, colon);
  }
  if (!rest) return null;
  return { repository: rest, tag, digest };
}

/** The Kong version at the start of an image tag: "3.4.3.19-ubuntu" → "3.4.3.19", "2.8-alpine" → "2.8"; null for "latest". */
export function versionFromTag(tag: string | null): string | null {
  if (!tag) return null;
  const m = /^v?(\d{1,3}\.\d{1,3}(?:\.\d{1,4}){0,2})(?=$|[-_+])/.exec(tag);
  return m ? m[1]! : null;
}

/** Compose-style interpolation: `${VAR:-default}` / `${VAR-default}` become the default; other variables stay. */
function withDefaults(value: string): string {
  return value.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}/g, '$1');
}

function unquote(raw: string): string {
  let v = raw.trim();
  if (v.startsWith('"') || v.startsWith("'")) {
    const q = v[0]!;
    const end = v.indexOf(q, 1);
    return end > 0 ? v.slice(1, end) : v.slice(1);
  }
  const hash = v.search(/\s#/);
  if (hash >= 0) v = v.slice(0, hash);
  return v.trim();
}

function imageFrom(value: string, span: Span, line: number, key: string): KongImage | null {
  const image = withDefaults(value);
  const ref = parseImageReference(image);
  if (!ref) return null;
  const edition = kongImageEdition(ref.repository);
  if (!edition) return null;
  const repository = ref.repository
    .split('/')
    .filter((p, i, all) => !(i === 0 && all.length > 1 && (/[.:]/.test(p) || p === 'localhost')))
    .join('/');
  return { image, repository, tag: ref.tag, version: versionFromTag(ref.tag), edition, span, line, key };
}

function isDockerfile(path: string): boolean {
  const base = path.replace(/\\/g, '/').split('/').pop() ?? '';
  return /^(Dockerfile|Containerfile)([.-].*)?$/i.test(base) || /\.(dockerfile|containerfile)$/i.test(base);
}

/** Every Kong Gateway image the file names, in order. Never throws. */
export function kongImagesIn(path: string, text: string): KongImage[] {
  if (isDockerfile(path)) return dockerfileImages(text);
  if (!/\.(ya?ml)$/i.test(path) || !/image/i.test(text)) return [];
  return yamlImages(text);
}

function dockerfileImages(text: string): KongImage[] {
  const out: KongImage[] = [];
  const re = /^[ \t]*FROM[ \t]+(?:--\S+[ \t]+)*(\S+)/gim;
  let m: RegExpExecArray | null;
  let count = 0;
  while ((m = re.exec(text)) && count++ < MAX_LINES) {
    const start = m.index + m[0].length - m[1]!.length;
    const line = lineOf(text, start);
    const img = imageFrom(m[1]!, { start, end: start + m[1]!.length }, line, 'FROM');
    if (img) out.push(img);
  }
  return out;
}

function lineOf(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

interface KeyFrame {
  indent: number;
  key: string;
}

/** A block `image:` map being collected (Helm values): its repository / tag / registry lines. */
interface PendingMap {
  indent: number;
  key: string;
  line: number;
  fields: Map<string, { value: string; span: Span; line: number }>;
}

const KEY_LINE = /^([ \t]*)(?:-[ \t]+)*("([^"]*)"|'([^']*)'|[A-Za-z0-9_.\-/]+)[ \t]*:(?:[ \t]+(.*)|[ \t]*)$/;

function yamlImages(text: string): KongImage[] {
  const out: KongImage[] = [];
  const stack: KeyFrame[] = [];
  let pending: PendingMap | null = null;
  let blockScalarIndent = -1;
  let offset = 0;
  let lineNo = 0;

  const flush = () => {
    if (!pending) return;
    const p = pending;
    pending = null;
    const f = (k: string) => p.fields.get(k);
    const unified = f('unifiedRepoTag');
    if (unified) {
      const img = imageFrom(unified.value, unified.span, unified.line, `${p.key}.unifiedRepoTag`);
      if (img) out.push(img);
      return;
    }
    const repo = f('repository');
    if (!repo) return;
    const tag = f('tag');
    const registry = f('registry');
    const ref = (registry ? `${registry.value}/` : '') + repo.value + (tag ? `:${tag.value}` : '');
    const at = tag ?? repo;
    const img = imageFrom(ref, at.span, at.line, tag ? `${p.key}.tag` : `${p.key}.repository`);
    if (img) out.push(img);
  };

  while (offset <= text.length && lineNo < MAX_LINES) {
    let end = text.indexOf('\n', offset);
    if (end < 0) end = text.length;
    const lineEnd = end > offset && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    const line = text.slice(offset, Math.min(lineEnd, offset + 4096));
    const here = lineNo;
    const lineStart = offset;
    offset = end + 1;
    lineNo++;

    if (/^\s*(#.*)?$/.test(line)) continue;
    if (/^(---|\.\.\.)(\s|$)/.test(line)) {
      flush();
      stack.length = 0;
      blockScalarIndent = -1;
      continue;
    }
    const m = KEY_LINE.exec(line);
    const indentOfLine = line.length - line.trimStart().length;
    if (blockScalarIndent >= 0) {
      if (indentOfLine > blockScalarIndent) continue;
      blockScalarIndent = -1;
    }
    if (!m) continue;
    // The key's column counts the "- " of a list item, so siblings in the item line up.
    const keyCol = m[0].indexOf(m[2]!, m[1]!.length);
    const key = m[3] ?? m[4] ?? m[2]!;
    const rawValue = m[5] ?? '';
    while (stack.length && stack[stack.length - 1]!.indent >= keyCol) stack.pop();
    if (pending && keyCol <= pending.indent) flush();
    const dotted = [...stack.map((s) => s.key), key].join('.');
    const value = unquote(rawValue);
    const valueCol = rawValue ? line.length - rawValue.length + (rawValue.length - rawValue.trimStart().length) : -1;
    const quoted = /^["']/.test(rawValue.trimStart()) ? 1 : 0;
    const span: Span = { start: lineStart + valueCol + quoted, end: lineStart + valueCol + quoted + value.length };

    if (/^[|>][-+0-9]*\s*(#.*)?$/.test(rawValue.trim())) {
      blockScalarIndent = keyCol;
      stack.push({ indent: keyCol, key });
      continue;
    }
    if (pending && keyCol > pending.indent) {
      if (value && value.length <= MAX_VALUE) pending.fields.set(key, { value: withDefaults(value), span, line: here });
      continue;
    }
    if (key === 'image') {
      if (value === '') {
        pending = { indent: keyCol, key: dotted, line: here, fields: new Map() };
      } else if (value.startsWith('{')) {
        // Flow map: image: {repository: kong, tag: "3.4"}
        const fields = new Map<string, { value: string; span: Span; line: number }>();
        for (const fm of value.matchAll(/([A-Za-z]+)\s*:\s*("([^"]*)"|'([^']*)'|[^,}\s]+)/g)) {
          fields.set(fm[1]!, { value: withDefaults(fm[3] ?? fm[4] ?? fm[2]!), span, line: here });
        }
        pending = { indent: keyCol, key: dotted, line: here, fields };
        flush();
      } else {
        const img = imageFrom(value, span, here, dotted);
        if (img) out.push(img);
      }
    }
    if (value === '') stack.push({ indent: keyCol, key });
  }
  flush();
  return out;
}

export interface ImageSource {
  /** Path of the file, as the caller names it. */
  path: string;
  image: KongImage;
}

export interface VersionFromImages {
  version: string;
  edition: ImageEdition;
  /** Where the chosen version was found ("docker-compose.yml:3 services.kong.image kong:2.8"). */
  from: string;
  /** One sentence for the user: where it was found and, when the workspace names several versions, which one was taken and why. */
  message: string;
}

export function describeSource(s: ImageSource): string {
  return `${s.path}:${s.image.line + 1} (${s.image.key}: ${s.image.image})`;
}

/**
 * The current version the workspace's Kong images name. When they name several, the
 * oldest is taken (it is the one still to be upgraded, and it checks the most changes),
 * and the message says so. Null when no Kong image names a version.
 */
export function currentVersionFromImages(sources: ImageSource[], compare: (a: string, b: string) => number): VersionFromImages | null {
  const versioned = sources.filter((s) => s.image.version !== null);
  if (!versioned.length) return null;
  let best = versioned[0]!;
  for (const s of versioned) if (compare(s.image.version!, best.image.version!) < 0) best = s;
  const distinct = [...new Set(versioned.map((s) => s.image.version!))];
  const from = describeSource(best);
  let message = `current version ${best.image.version} taken from the Kong image in ${from}`;
  if (distinct.length > 1) message += `; the workspace names several Kong versions (${distinct.join(', ')}), the oldest is used`;
  return { version: best.image.version!, edition: best.image.edition, from, message };
}
