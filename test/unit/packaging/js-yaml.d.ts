// The one js-yaml function the packaging tests use (js-yaml ships no types of its own).
declare module 'js-yaml' {
  export function load(text: string, options?: { filename?: string }): unknown;
}
