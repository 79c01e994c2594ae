/** Plugins: removed in the target, unknown (with a did-you-mean), or first shipped later. */
import type { Finding } from '../../model';
import type { PluginKnowledge } from '../../knowledge/pluginTypes';
import { pluginAt, pluginsAt } from '../../knowledge/plugins';
import type { Edition } from '../../knowledge/types';
import type { ResolvedVersion } from '../../version';
import { didYouMean } from '../../suggest';
import { replaceStringScalarEdit } from '../edits';
import type { PluginInstance } from '../types';
import { memoOf } from './memo';
import { checkFields } from './pluginFields';
import { fix, v, type DeclarativeContext, type Lazy } from './shared';

// ---------------------------------------------------------------------------------------
// Plugins

function editionFor(kb: PluginKnowledge, name: string, ver: ResolvedVersion): Edition {
  const rec = kb.plugins[name];
  return rec && rec.edition === 'enterprise' ? 'enterprise' : ver.edition;
}

export function checkPlugin(out: Finding[], p: PluginInstance, text: string, ctx: DeclarativeContext, lz: Lazy | null): void {
  const kb = ctx.plugins;
  if (ctx.customPlugins.includes(p.name)) return;
  const tEd = editionFor(kb, p.name, ctx.target);
  const memo = memoOf(ctx);
  let at = memo.pluginAt.get(p.name);
  if (!at) memo.pluginAt.set(p.name, (at = pluginAt(kb, p.name, ctx.target.version, tEd)));
  if (at.status === 'unknown') {
    const names = (memo.pluginNames ??= pluginsAt(kb, ctx.target.version, 'enterprise'));
    const near = didYouMean(p.name, names) ?? undefined;
    const close = near !== undefined;
    // The scalar that names the plugin (`name:` in decK, `plugin:` in a KongPlugin).
    const nameNode = p.node.pairs.find((x) => x.value?.start === p.nameSpan.start && x.value.end === p.nameSpan.end)?.value;
    const edit = close && nameNode && nameNode.kind === 'scalar' ? replaceStringScalarEdit(nameNode, near!) : null;
    out.push({
      code: 'unknown-plugin',
      severity: 'information',
      message: `"${p.name}" is not a plugin Kong ships${close ? ` (did you mean "${near}"?)` : ''}. If it is your own plugin, list it in the custom plugins setting to silence this.`,
      span: p.nameSpan,
      plugin: p.name,
      replacement: close ? near! : null,
      ...(edit ? { fixes: [fix(`Change to "${near}"`, [edit], false)] } : {}),
    });
    return;
  }
  if (at.status === 'removed') {
    out.push({
      code: 'removed-plugin',
      severity: at.lowConfidence ? 'warning' : 'error',
      message: `The ${p.name} plugin is gone in Kong ${v(ctx.target)} (last seen in ${at.lastLine}${at.lowConfidence ? '; the facts are not certain about this' : ''}). Remove it or find a replacement before upgrading.`,
      span: p.nameSpan,
      plugin: p.name,
      replacement: null,
      docsUrl: `${kb.docsBase}${p.name}/`,
    });
    return;
  }
  if (at.status === 'absent') {
    out.push({
      code: 'unknown-plugin',
      severity: 'warning',
      message: `The ${p.name} plugin first ships in Kong ${at.addedIn}, after ${v(ctx.target)}.`,
      span: p.nameSpan,
      plugin: p.name,
      replacement: null,
    });
    return;
  }
  if (at.status !== 'known') return;
  checkFields(out, p, text, ctx, tEd, lz);
}
