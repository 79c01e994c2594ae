/** Upgrade planner: public API of the pure core module. */
export { planUpgrade, citeRule } from './plan';
export { planToMarkdown, findingLink, type MarkdownOptions } from './markdown';
export { publishedTable, publishedTableRow, tableRows, tableRowFor } from './tables';
export * from './types';
