/**
 * The editor's offer to take the current version from a file's Kong image: a manifest,
 * compose file or Helm values that runs `kong:3.4` (or `kong/kong-gateway:3.10.0.5`,
 * Enterprise) says which Kong runs today better than a default setting does. Pure: the
 * server sends the offer, the client shows it and writes the settings when accepted.
 */
import { currentVersionFromImages, kongImagesIn, type KongImage } from './images';
import { compareVersions, resolveVersion } from './version';
import type { Edition, ReleasesKnowledge } from './knowledge/types';
import type { ImageVersionOffer } from './model';

export type { ImageVersionOffer } from './model';

/**
 * The offer for one file, or null: no Kong image with a version, a version the knowledge
 * base does not know, or the settings already say exactly this version and edition.
 */
export function imageVersionOffer(path: string, text: string, releases: ReleasesKnowledge, settings: { currentVersion: string; edition: Edition }): ImageVersionOffer | null {
  let images: KongImage[];
  try {
    images = kongImagesIn(path, text);
  } catch {
    return null;
  }
  const file = path.replace(/\\/g, '/').split('/').pop() ?? path;
  const found = currentVersionFromImages(
    images.map((image) => ({ path: file, image })),
    compareVersions,
  );
  if (!found) return null;
  if (!resolveVersion(releases, found.version, found.edition).ok) return null;
  if (found.version === settings.currentVersion.trim() && found.edition === settings.edition) return null;
  const img = images.find((i) => i.version === found.version && i.edition === found.edition)!;
  return {
    version: found.version,
    edition: found.edition,
    file,
    line: img.line + 1,
    title: `Use Kong ${found.version}${found.edition === 'enterprise' ? ' Enterprise' : ''} from ${file} as current version`,
    message: `${file} (line ${img.line + 1}) runs the image ${img.image}${found.edition === 'enterprise' ? ', Kong Gateway Enterprise' : ''}.${/several/.test(found.message) ? ' The file names several Kong versions; the oldest is offered.' : ''}`,
  };
}
