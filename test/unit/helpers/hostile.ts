/**
 * Hostile decK files the unit suite (robust.test.ts) and the stdio server test
 * (lsp-hostile.test.ts) both throw at the product: the same bytes, so the two agree on
 * what "an alias cycle" or "billion laughs" is.
 */

/** A map that holds itself three times. */
export const ALIAS_CYCLE = '_format_version: "3.0"\nplugins:\n- name: cors\n  config: &a {x: *a, y: *a, z: *a}\n';

/** Nine anchors, each a list of nine aliases of the one before: 9^9 strings from about 400 bytes. */
export function billionLaughs(): string {
  const rows = ['_format_version: "3.0"', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  const names = 'abcdefghi';
  for (let i = 1; i < names.length; i++)
    rows.push(
      `${names[i]}: &${names[i]} [${Array(9)
        .fill(`*${names[i - 1]}`)
        .join(',')}]`,
    );
  rows.push('plugins:', '- name: cors', '  config:', '    origins: *i', '');
  return rows.join('\n');
}

/** An anchor of 2,000 keys merged (`<<`) into 200 plugins. */
export function bigMerge(): string {
  return (
    '_format_version: "3.0"\nx: &m\n' +
    Array.from({ length: 2000 }, (_, i) => `  k${i}: ${i}\n`).join('') +
    'plugins:\n' +
    Array.from({ length: 200 }, () => '- name: cors\n  config:\n    <<: *m\n').join('')
  );
}

/** `levels` block maps, each one space deeper than the last. */
export const blockNesting = (levels: number): string => `_format_version: "3.0"\nx:\n${Array.from({ length: levels }, (_, i) => `${' '.repeat(i + 1)}k${i}:\n`).join('')}`;

/** A chain of `n` nested `- ` sequences on one line. */
export const dashChain = (n: number): string => `_format_version: "3.0"\nx:\n${'- '.repeat(n)}a\n`;
