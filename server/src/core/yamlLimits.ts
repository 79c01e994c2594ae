/** Bounds on YAML input shared by every YAML reader of the core. */

/**
 * Nesting of a YAML text as a cheap line scan sees it (block indentation levels, `- `
 * markers on one line, flow brackets), stopping once past `limit`. Quoted strings,
 * comments and block scalars are skipped; the answer may be a little high for odd
 * layouts, never lower than the nesting the `yaml` package would build.
 */
export function yamlNestingExceeds(text: string, limit: number): boolean {
  const stack: number[] = [];
  let flow = 0;
  let blockScalarAt = -1;
  const n = text.length;
  let p = 0;
  while (p < n) {
    let nl = text.indexOf('\n', p);
    if (nl < 0) nl = n;
    let q = p;
    while (q < nl && text.charCodeAt(q) === 32) q++;
    const col = q - p;
    const c0 = text.charCodeAt(q);
    const blank = q >= nl || c0 === 13 || c0 === 35;
    if (blockScalarAt >= 0) {
      if (blank || col > blockScalarAt) {
        p = nl + 1;
        continue;
      }
      blockScalarAt = -1;
    }
    if (blank) {
      p = nl + 1;
      continue;
    }
    if (flow === 0) {
      while (stack.length && stack[stack.length - 1]! >= col) stack.pop();
      stack.push(col);
    }
    // Compact nesting on the line: `- - x`, `- key: - ...`.
    let tokenStart = true;
    let lastNonSpace = -1;
    for (let i = q; i < nl; i++) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9) {
        tokenStart = true;
        continue;
      }
      if (c === 35 && tokenStart) break;
      if ((c === 34 || c === 39) && (tokenStart || flow > 0)) {
        // Quoted scalar: skip to its closing quote (on this line; a multi-line one counts no brackets).
        let j = i + 1;
        while (j < nl) {
          const d = text.charCodeAt(j);
          if (c === 34 && d === 92) j += 2;
          else if (d === c) break;
          else j++;
        }
        i = j;
        tokenStart = false;
        lastNonSpace = i;
        continue;
      }
      if (flow === 0 && tokenStart && (c === 45 || c === 63) && (i + 1 >= nl || text.charCodeAt(i + 1) === 32)) {
        stack.push(i - p + 1);
        if (stack.length + flow > limit) return true;
        lastNonSpace = i;
        continue;
      }
      if ((c === 91 || c === 123) && (tokenStart || flow > 0)) {
        flow++;
        if (stack.length + flow > limit) return true;
        tokenStart = true;
        lastNonSpace = i;
        continue;
      }
      if ((c === 93 || c === 125) && flow > 0) flow--;
      else if (flow > 0 && c === 44) {
        tokenStart = true;
        lastNonSpace = i;
        continue;
      }
      tokenStart = c === 58 && (i + 1 >= nl || text.charCodeAt(i + 1) === 32) ? true : false;
      if (c === 58 && flow === 0 && tokenStart) stack.push(i - p + 1);
      lastNonSpace = i;
    }
    if (stack.length + flow > limit) return true;
    // A block scalar header (`key: |`, `- >-`): its lines are text.
    if (flow === 0 && lastNonSpace >= 0) {
      const tail = text.slice(Math.max(q, lastNonSpace - 3), lastNonSpace + 1);
      if (/(^|[ :-])[|>][-+0-9]*$/.test(tail)) blockScalarAt = col;
    }
    p = nl + 1;
  }
  return false;
}
