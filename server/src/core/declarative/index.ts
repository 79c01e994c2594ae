/** Declarative (decK / DB-less) configuration: detection, model, checks, fixes. */
export { isDeclarativeFile, globMatch, hasTopLevelFormatVersion } from './detect';
export { DeclarativeSession, changedRegion, checkDeclarativeFull, parseDeclarative, type DeclarativeResult, type UpdateOptions } from './session';
export { checkDeclarative, type DeclarativeContext } from './rules';
export { pinEntityDefaultsEdits } from './rules/entities';
export * from './types';
