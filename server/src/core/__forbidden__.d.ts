// Not a module on purpose: server/src/core/tsconfig.json maps vscode* imports here so
// that they fail with TS2306 ("is not a module") instead of resolving in node_modules.
