/** The CLI over in-memory files: what `runCli` prints and writes, for tests. */
import type { CliIO } from '../../../server/src/cli';

export interface FakeCli<F extends string | Buffer> {
  io: CliIO;
  /** Lines written to stdout / stderr. */
  out: string[];
  err: string[];
  /** The files, as read and as written (writes land here too). */
  files: Record<string, F>;
  /** Only what the CLI wrote. */
  written: Record<string, string>;
}

/** `files` are read by name (folders are not walked); `extra` sets env, cwd, today... */
export function fakeCliIO<F extends string | Buffer = string>(files: Record<string, F>, extra: Partial<CliIO> = {}): FakeCli<F> {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const io: CliIO = {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    exists: (p) => p in files,
    readFile: (p) => {
      const f = files[p]!;
      return Buffer.isBuffer(f) ? f : Buffer.from(f);
    },
    writeFile: (p, d) => {
      written[p] = d;
      (files as Record<string, string | Buffer>)[p] = d;
    },
    ...extra,
  };
  return { io, out, err, files, written };
}
