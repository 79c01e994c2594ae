import { fileURLToPath } from 'node:url';

export const URI = {
  /** File system path of a file: URI; other schemes keep their path part (names still matter for detection). */
  toPath(uri: string): string {
    try {
      if (uri.startsWith('file:')) return fileURLToPath(uri);
      return decodeURIComponent(new URL(uri).pathname);
    } catch {
      return uri;
    }
  },
};
