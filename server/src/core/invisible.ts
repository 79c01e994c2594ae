/**
 * The characters user text is never shown as, wherever it is displayed (Markdown in
 * hovers, the plan and tooltips; text on a terminal or in a CI log): control characters,
 * line and paragraph separators, bidirectional formatting characters (which reorder what
 * is shown) and zero-width characters (which make two different names look alike). Each is
 * written as an escape instead. One set, so the editor and the command line agree.
 */
export const INVISIBLE_CLASS = '[\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200b-\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2060-\\u2069\\ufeff]';

/** Whether a text holds any of them. */
export const HAS_INVISIBLE = new RegExp(INVISIBLE_CLASS);
