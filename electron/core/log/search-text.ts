// Search keys for the staff text search: normalised terms matched by prefix through an index, never LIKE.

/**
 * Folds the differences staff should not have to care about: full-/half-width (NFKC), hiragana vs katakana,
 * letter case, and spaces (so "山田太郎" finds "山田 太郎").
 */
export function normalizeSearchText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
    .toLowerCase()
    .replace(/[\s\u3000]+/g, '');
}

/** The fields text search covers (ConfirmationQuery.text). */
export interface SearchableFields {
  name?: string | null;
  nameKana?: string | null;
  insurerNumber?: string | null;
  number?: string | null;
}

/**
 * Terms stored for one row. Each name is indexed whole and per space-separated part, so a search for the
 * given name alone also matches.
 */
export function searchTerms(fields: SearchableFields): string[] {
  const terms = new Set<string>();
  for (const value of [fields.name, fields.nameKana]) {
    if (!value) continue;
    terms.add(normalizeSearchText(value));
    for (const part of value.split(/[\s\u3000]+/)) terms.add(normalizeSearchText(part));
  }
  for (const value of [fields.insurerNumber, fields.number]) {
    if (value) terms.add(normalizeSearchText(value));
  }
  terms.delete('');
  return [...terms];
}

/** Upper bound of a prefix range: every term starting with `prefix` sorts below it (BINARY collation). */
export function prefixUpperBound(prefix: string): string {
  return `${prefix}\u{10FFFF}`;
}
