/**
 * Size of the slow property tests. `npm test` runs a smaller, chosen set of cases so the
 * unit suite stays under two minutes on a 2-core machine; `KONG_EXHAUSTIVE=1` (set by
 * `npm run test:all` and CI) runs them at full size. Each test says what its quick set keeps.
 */
export const EXHAUSTIVE = process.env.KONG_EXHAUSTIVE === '1';

/** `full` under KONG_EXHAUSTIVE=1, `quick` otherwise. */
export function sized<T>(quick: T, full: T): T {
  return EXHAUSTIVE ? full : quick;
}
