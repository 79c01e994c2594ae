/**
 * Which KONG_* variables are kong.conf settings.
 *
 * Kong reads every environment variable named `KONG_<PROPERTY>` as the property
 * `<property>` (lower case). A few KONG_* names are used by other things — the Docker
 * image, docker-compose interpolation, Enterprise licensing and bootstrap, Kong's own
 * test harness — and are not kong.conf properties, so checking them as settings would
 * only produce noise. Everything else that starts with `KONG_` is a setting (unknown
 * ones are the kong.conf rules' business, e.g. a typo or a removed property).
 */

/** KONG_* variables that are not kong.conf properties. */
export const NON_SETTING_ENV_VARS: ReadonlySet<string> = new Set([
  // Image selection / build arguments in docker-compose files, Dockerfiles and CI.
  'KONG_VERSION',
  'KONG_IMAGE',
  'KONG_DOCKER_TAG',
  'KONG_SHA256',
  'KONG_AMD64_SHA',
  'KONG_ARM64_SHA',
  'KONG_BUILD_TOOLS_VERSION',
  // docker-compose `user: "${KONG_USER}"` (Kong's own compose files); the kong.conf
  // property for the worker user is nginx_user.
  'KONG_USER',
  // Kong Enterprise reads these from the environment, but they are not kong.conf properties.
  'KONG_LICENSE_DATA',
  'KONG_LICENSE_PATH',
  'KONG_PASSWORD',
]);

/** Prefixes of KONG_* variables that are not kong.conf properties (Kong's test harness). */
export const NON_SETTING_ENV_PREFIXES: readonly string[] = ['KONG_TEST_', 'KONG_SPEC_'];

/** True when `name` (case-sensitive, as environment variables are) is a KONG_* kong.conf setting. */
export function isKongSettingVar(name: string): boolean {
  if (!/^KONG_[A-Za-z0-9_]+$/.test(name)) return false;
  if (NON_SETTING_ENV_VARS.has(name)) return false;
  return !NON_SETTING_ENV_PREFIXES.some((p) => name.startsWith(p));
}

/** The kong.conf property a KONG_* variable sets, or null when it is not a setting. */
export function settingPropertyOfVar(name: string): string | null {
  return isKongSettingVar(name) ? name.slice('KONG_'.length).toLowerCase() : null;
}
