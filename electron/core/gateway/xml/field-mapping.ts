// Rules that map document elements to model fields in both directions, so one table drives reader and writer.
import { malformed } from './xml-tree';

/** Where a value came from, for error messages naming the element (§2.4 notes: staff read these). */
export interface At {
  element: string;
  where: string;
}

/** One element's text ↔ one field's value. `read` gets undefined when the element is absent. */
export interface Codec<T> {
  read(text: string | undefined, at: At): T | undefined;
  write(value: T): string | undefined;
}

/**
 * One row of a mapping table: `read` fills the model from the document part, `write` fills the
 * document part from the model. Both directions live in the same row so they cannot drift apart.
 */
export interface Rule<D, M> {
  read(doc: D, model: M, where: string): void;
  write(model: M, doc: D): void;
}

type Fields<E extends string> = Partial<Record<E, string>>;

/** Text as sent, both ways. */
export const text: Codec<string> = { read: (value) => value, write: (value) => value };

/** A code from a closed list; an empty element is no value, anything else outside the list is malformed. */
export function oneOf<T extends string>(allowed: readonly T[]): Codec<T> {
  return {
    read(value, { element, where }) {
      if (value === undefined || value === '') return undefined;
      const trimmed = value.trim();
      if ((allowed as readonly string[]).includes(trimmed)) return trimmed as T;
      throw malformed(`${where}: ${element} の値「${value.slice(0, 20)}」は想定外です。`);
    },
    write: (value) => value,
  };
}

/** The codec, but a missing element is malformed, with the message the caller gives. */
export function required<T>(codec: Codec<T>, missing: (at: At) => string): Codec<T> {
  return {
    read(value, at) {
      const read = value === undefined ? undefined : codec.read(value, at);
      if (read === undefined) throw malformed(missing(at));
      return read;
    },
    write: (value) => codec.write(value),
  };
}

/**
 * Builds rows mapping one element of a flat group to one field of M. Curried so M is named once
 * per table and each row's field key and codec are checked against it.
 */
export function fieldsOf<M>() {
  return <E extends string, K extends keyof M>(
    element: E,
    key: K,
    codec: Codec<NonNullable<M[K]>>,
  ): Rule<Fields<E>, Partial<M>> => ({
    read(doc, model, where) {
      const value = codec.read(doc[element], { element, where });
      if (value !== undefined) model[key] = value;
    },
    write(model, doc) {
      const value = model[key];
      if (value === undefined || value === null) return;
      const written = codec.write(value);
      if (written !== undefined) doc[element] = written;
    },
  });
}

/** Apply a rule to a part of the document (a child group) instead of the whole. */
export function within<D, P, M>(part: (doc: D) => P | undefined, rule: Rule<P, M>): Rule<D, M> {
  return {
    read(doc, model, where) {
      const p = part(doc);
      if (p !== undefined) rule.read(p, model, where);
    },
    write(model, doc) {
      const p = part(doc);
      if (p !== undefined) rule.write(model, p);
    },
  };
}

/** Apply every row of a table, in order: the table order is the order of fields and of error checks. */
export function readAll<D, M>(rules: readonly Rule<D, M>[], doc: D, model: M, where: string): M {
  for (const rule of rules) rule.read(doc, model, where);
  return model;
}

export function writeAll<D, M>(rules: readonly Rule<D, M>[], model: M, doc: D): D {
  for (const rule of rules) rule.write(model, doc);
  return doc;
}
