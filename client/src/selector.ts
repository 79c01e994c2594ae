/**
 * Documents the server looks at; it decides itself which YAML/JSON files are Kong files.
 * Only kong.conf is taken from any scheme (virtual workspaces too): see
 * capabilities.virtualWorkspaces in package.json. Pure, so a unit test compares the two.
 */
export const documentSelector = [
  { language: 'kong-conf' },
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'json' },
  { scheme: 'file', language: 'dockercompose' },
  { scheme: 'file', language: 'dotenv' },
  { scheme: 'file', pattern: '**/{.env,*.env,.env.*}' },
  // Templates of a .env (prod.env.j2 in an Ansible role): one level of braces per pattern.
  { scheme: 'file', pattern: '**/*.env.{j2,jinja,jinja2,template,tmpl,tpl,gotmpl,ctmpl,erb}' },
  { scheme: 'untitled', language: 'kong-conf' },
];
