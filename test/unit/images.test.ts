import { test } from 'node:test';
import assert from 'node:assert/strict';
import { currentVersionFromImages, kongImageEdition, kongImagesIn, parseImageReference, versionFromTag } from '../../server/src/core/images';
import { compareVersions } from '../../server/src/core/version';

test('image references: registry port, tag, digest', () => {
  assert.deepEqual(parseImageReference('kong:2.8'), { repository: 'kong', tag: '2.8', digest: null });
  assert.deepEqual(parseImageReference('registry.local:5000/kong/kong-gateway:3.4.3.19-ubuntu@sha256:abc'), {
    repository: 'registry.local:5000/kong/kong-gateway',
    tag: '3.4.3.19-ubuntu',
    digest: 'sha256:abc',
  });
  assert.deepEqual(parseImageReference('kong'), { repository: 'kong', tag: null, digest: null });
  assert.equal(parseImageReference('has space:1'), null);
});

test('which repositories are Kong Gateway, and which edition', () => {
  assert.equal(kongImageEdition('kong'), 'oss');
  assert.equal(kongImageEdition('docker.io/library/kong'), 'oss');
  assert.equal(kongImageEdition('kong/kong'), 'oss');
  assert.equal(kongImageEdition('kong/kong-gateway'), 'enterprise');
  assert.equal(kongImageEdition('registry.example.com:443/mirror/kong-gateway'), 'enterprise');
  assert.equal(kongImageEdition('kong/kubernetes-ingress-controller'), null);
  assert.equal(kongImageEdition('kong/deck'), null);
  assert.equal(kongImageEdition('postgres'), null);
});

test('versions from tags', () => {
  assert.equal(versionFromTag('2.8'), '2.8');
  assert.equal(versionFromTag('2.8.1-alpine'), '2.8.1');
  assert.equal(versionFromTag('3.4.3.19-ubuntu'), '3.4.3.19');
  assert.equal(versionFromTag('3.4.1.1-20231102-rhel'), '3.4.1.1');
  assert.equal(versionFromTag('latest'), null);
  assert.equal(versionFromTag('ubuntu'), null);
  assert.equal(versionFromTag('2.8x'), null);
  assert.equal(versionFromTag(null), null);
});

test('docker-compose: image of a service, with its key path, line and span', () => {
  const text = '# compose\nservices:\n  db:\n    image: postgres:13\n  kong:\n    image: "kong:2.8.1-alpine" # pinned\n    environment:\n      KONG_DATABASE: postgres\n';
  const found = kongImagesIn('docker-compose.yml', text);
  assert.equal(found.length, 1);
  const [img] = found;
  assert.equal(img!.version, '2.8.1');
  assert.equal(img!.edition, 'oss');
  assert.equal(img!.key, 'services.kong.image');
  assert.equal(img!.line, 5);
  assert.equal(text.slice(img!.span.start, img!.span.end), 'kong:2.8.1-alpine');
});

test('compose interpolation defaults are read, bare variables are not versions', () => {
  const found = kongImagesIn('compose.yaml', 'services:\n  k:\n    image: kong/kong-gateway:${KONG_TAG:-3.4.3.19}\n  j:\n    image: kong:${TAG}\n');
  assert.deepEqual(
    found.map((f) => [f.version, f.edition]),
    [
      ['3.4.3.19', 'enterprise'],
      [null, 'oss'],
    ],
  );
});

test('Kubernetes containers in several documents, CRLF kept in spans', () => {
  const text = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: proxy',
    '          image: kong/kong-gateway:3.4',
    '        - name: sidecar',
    '          image: busybox',
    '---',
    'apiVersion: v1',
    'kind: Pod',
    'spec:',
    '  containers:',
    '  - image: kong:3.10',
    '',
  ].join('\r\n');
  const found = kongImagesIn('k8s/deploy.yaml', text);
  assert.deepEqual(
    found.map((f) => [f.key, f.version, f.edition, text.slice(f.span.start, f.span.end)]),
    [
      ['spec.template.spec.containers.image', '3.4', 'enterprise', 'kong/kong-gateway:3.4'],
      ['spec.containers.image', '3.10', 'oss', 'kong:3.10'],
    ],
  );
});

test('Helm values: image.repository + image.tag, gateway.image, unifiedRepoTag, flow map', () => {
  const values = 'image:\n  repository: kong/kong-gateway\n  tag: "3.4.3.19"\n  pullPolicy: IfNotPresent\nenv:\n  database: "off"\n';
  const [a] = kongImagesIn('values.yaml', values);
  assert.equal(a!.version, '3.4.3.19');
  assert.equal(a!.edition, 'enterprise');
  assert.equal(a!.key, 'image.tag');
  assert.equal(values.slice(a!.span.start, a!.span.end), '3.4.3.19');

  const ingress = 'gateway:\n  image:\n    repository: kong\n    tag: "3.6"\ncontroller:\n  image:\n    repository: kong/kubernetes-ingress-controller\n    tag: "3.1"\n';
  assert.deepEqual(
    kongImagesIn('values.yaml', ingress).map((f) => [f.key, f.version]),
    [['gateway.image.tag', '3.6']],
  );

  assert.deepEqual(
    kongImagesIn('v.yaml', 'image:\n  unifiedRepoTag: kong:3.5\n').map((f) => f.version),
    ['3.5'],
  );
  assert.deepEqual(
    kongImagesIn('v.yaml', 'image: {repository: kong, tag: "2.8"}\n').map((f) => f.version),
    ['2.8'],
  );
  // No tag: the chart's default, which the file does not name.
  assert.deepEqual(
    kongImagesIn('v.yaml', 'image:\n  repository: kong\n').map((f) => [f.version, f.key]),
    [[null, 'image.repository']],
  );
});

test('block scalars are not read as keys; unrelated files and kinds give nothing', () => {
  const text = 'data:\n  compose: |\n    image: kong:1.0\n  other: x\nimage: kong:3.4\n';
  assert.deepEqual(
    kongImagesIn('cm.yaml', text).map((f) => f.version),
    ['3.4'],
  );
  assert.deepEqual(kongImagesIn('kong.conf', 'image: kong:3.4\n'), []);
  assert.deepEqual(kongImagesIn('a.yaml', 'name: x\n'), []);
});

test('Dockerfile FROM lines', () => {
  const found = kongImagesIn('docker/Dockerfile', 'FROM --platform=linux/amd64 kong/kong-gateway:3.4.3.19 AS base\nRUN echo\nFROM alpine\n');
  assert.deepEqual(
    found.map((f) => [f.key, f.version, f.edition, f.line]),
    [['FROM', '3.4.3.19', 'enterprise', 0]],
  );
});

test('the current version: the oldest named, and the message says where and why', () => {
  const a = { path: 'docker-compose.yml', image: kongImagesIn('docker-compose.yml', 'services:\n  kong:\n    image: kong:3.4\n')[0]! };
  const b = { path: 'old/compose.yml', image: kongImagesIn('compose.yml', 'services:\n  kong:\n    image: kong:2.8\n')[0]! };
  const r = currentVersionFromImages([a, b], compareVersions)!;
  assert.equal(r.version, '2.8');
  assert.equal(r.from, 'old/compose.yml:3 (services.kong.image: kong:2.8)');
  assert.match(r.message, /several Kong versions \(3\.4, 2\.8\), the oldest is used/);
  const one = currentVersionFromImages([a], compareVersions)!;
  assert.equal(one.message, 'current version 3.4 taken from the Kong image in docker-compose.yml:3 (services.kong.image: kong:3.4)');
  assert.equal(currentVersionFromImages([], compareVersions), null);
});

test('bounded: a huge file of image lines is read in linear time', () => {
  const text = 'services:\n' + Array.from({ length: 50_000 }, (_, i) => `  s${i}:\n    image: kong:3.${i % 10}\n`).join('');
  const t = Date.now();
  const found = kongImagesIn('compose.yml', text);
  assert.equal(found.length, 50_000);
  assert.ok(Date.now() - t < 3000, `took ${Date.now() - t} ms`);
});
