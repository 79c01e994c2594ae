/**
 * Which code action requests Kong's fix-all answers. `source.fixAll.kong` asked for by name
 * (e.g. `"editor.codeActionsOnSave": { "source.fixAll.kong": "explicit" }`) or no kind filter
 * at all (the light bulb): yes. The umbrella `source.fixAll`, which users set on save for
 * ESLint and other fixers, only when the user opted in (`kong.fixAll.onSourceFixAll`): Kong's
 * renames and comment-outs change configuration, so they never ride along unasked. The
 * `source` menu: when the user invoked it, or opted in.
 */
import { CodeActionKind, CodeActionTriggerKind } from 'vscode-languageserver';

export const FIX_ALL_KIND = 'source.fixAll.kong';

export function answersFixAll(only: readonly string[] | undefined, triggerKind: CodeActionTriggerKind | undefined, optedIn: boolean): boolean {
  if (!only) return true;
  return only.some((o) => {
    if (o === FIX_ALL_KIND) return true;
    if (o === CodeActionKind.SourceFixAll) return optedIn;
    if (o === CodeActionKind.Source) return optedIn || triggerKind === CodeActionTriggerKind.Invoked;
    return false;
  });
}

/** True when the request may be an umbrella one, so the opt-in setting has to be read. */
export function asksUmbrella(only: readonly string[] | undefined): boolean {
  return !!only && only.some((o) => o === CodeActionKind.SourceFixAll || o === CodeActionKind.Source);
}
