/** The image's Kong version offered as the current version (core/imageOffer.ts over core/images.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadKnowledge } from '../../server/src/knowledge';
import { imageVersionOffer } from '../../server/src/core/imageOffer';

const releases = loadKnowledge().releases;
const deployment = (image: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: kong\nspec:\n  template:\n    spec:\n      containers:\n        - name: proxy\n          image: ${image}\n`;

test('a Deployment running kong:3.4 offers 3.4 open source; kong/kong-gateway offers Enterprise', () => {
  const oss = imageVersionOffer('/w/k8s/deployment.yaml', deployment('kong:3.4'), releases, { currentVersion: '2.8', edition: 'oss' })!;
  assert.deepEqual({ v: oss.version, e: oss.edition, f: oss.file, l: oss.line }, { v: '3.4', e: 'oss', f: 'deployment.yaml', l: 10 });
  assert.equal(oss.title, 'Use Kong 3.4 from deployment.yaml as current version');
  const ee = imageVersionOffer('/w/deployment.yaml', deployment('kong/kong-gateway:3.10.0.5'), releases, { currentVersion: '2.8', edition: 'oss' })!;
  assert.deepEqual([ee.version, ee.edition], ['3.10.0.5', 'enterprise']);
  assert.equal(ee.title, 'Use Kong 3.10.0.5 Enterprise from deployment.yaml as current version');
  assert.match(ee.message, /runs the image kong\/kong-gateway:3\.10\.0\.5, Kong Gateway Enterprise/);
});

test('Helm values image.repository / image.tag', () => {
  const o = imageVersionOffer('/w/values.yaml', 'image:\n  repository: kong/kong-gateway\n  tag: "3.4"\nenv:\n  database: "off"\n', releases, { currentVersion: '2.8', edition: 'oss' })!;
  assert.deepEqual([o.version, o.edition], ['3.4', 'enterprise']);
});

test('no offer when the settings already say it, for an unknown version, a tag without a version, or no Kong image', () => {
  assert.equal(imageVersionOffer('/w/d.yaml', deployment('kong:3.4'), releases, { currentVersion: '3.4', edition: 'oss' }), null);
  assert.equal(imageVersionOffer('/w/d.yaml', deployment('kong:9.9'), releases, { currentVersion: '2.8', edition: 'oss' }), null);
  assert.equal(imageVersionOffer('/w/d.yaml', deployment('kong:latest'), releases, { currentVersion: '2.8', edition: 'oss' }), null);
  assert.equal(imageVersionOffer('/w/d.yaml', deployment('nginx:1.25'), releases, { currentVersion: '2.8', edition: 'oss' }), null);
  // The edition alone differing is still an offer.
  assert.ok(imageVersionOffer('/w/d.yaml', deployment('kong/kong-gateway:3.4'), releases, { currentVersion: '3.4', edition: 'oss' }));
});
