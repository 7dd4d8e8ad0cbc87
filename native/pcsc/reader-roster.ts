// The readers in use, free of pcsclite: name filter, one live entry per name, reader-added / reader-removed.
import type { CardDetector } from './reader-detection';
import type { ReaderEvent } from '../reader/reader-port';

/** Whether a reader is used: its PC/SC name contains the filter, case-insensitive; an empty filter takes all. */
export function readerWanted(name: string, filter: string): boolean {
  const wanted = filter.toLowerCase();
  return wanted === '' || name.toLowerCase().includes(wanted);
}

/** Why a reader left the roster; the driver words its connection's error from it. */
export type ReaderGoneReason = 'replaced' | 'unplugged' | 'service-stopped';

/** What the roster needs of a reader entry; the driver's entries carry their native handles besides. */
export interface RosterEntry {
  readonly name: string;
  readonly detector: CardDetector;
}

export interface ReaderRosterOptions<E extends RosterEntry> {
  /** Only readers whose name contains this text (case-insensitive); empty = every reader. */
  filter: string;
  emit(event: ReaderEvent): void;
  log(line: string): void;
  /** Lets go of what the driver holds for a reader that left (its connection, waiters on its card). */
  release(entry: E, reason: ReaderGoneReason): void;
}

/**
 * The readers the port reports (my-number-card.md §9.1). A reader that appears again under a name still
 * listed replaces the old entry, which is reported removed first; a removed reader that had a card
 * announced reports the card's removal before its own.
 */
export class ReaderRoster<E extends RosterEntry> {
  private readonly byName = new Map<string, E>();
  private readonly gone = new WeakSet<E>();

  constructor(private readonly options: ReaderRosterOptions<E>) {}

  /** Whether a reader of this name is used at all (the name filter). */
  wants(name: string): boolean {
    return readerWanted(name, this.options.filter);
  }

  get(name: string): E | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  entries(): E[] {
    return [...this.byName.values()];
  }

  /** Whether `entry` is still the live reader of its name (not dropped, not replaced). */
  isListed(entry: E): boolean {
    return !this.gone.has(entry) && this.byName.get(entry.name) === entry;
  }

  /** Lists a new reader, dropping (and announcing) one of the same name first; announces reader-added. */
  add(entry: E): void {
    const previous = this.byName.get(entry.name);
    if (previous) this.drop(previous, 'replaced', true);
    this.byName.set(entry.name, entry);
    this.options.log(`${entry.name} reader added`);
    this.options.emit({ type: 'reader-added', reader: entry.name });
  }

  /**
   * Takes a reader off the roster once: its card detection stops and the driver releases it. `announce`
   * reports card-removed (when a card was announced) then reader-removed; without it nothing is reported.
   */
  drop(entry: E, reason: ReaderGoneReason, announce: boolean): void {
    if (this.gone.has(entry)) return;
    const cardWasPresent = entry.detector.drop();
    if (this.byName.get(entry.name) === entry) this.byName.delete(entry.name);
    this.gone.add(entry);
    this.options.release(entry, reason);
    if (!announce) return;
    if (cardWasPresent) this.options.emit({ type: 'card-removed', reader: entry.name });
    this.options.log(`${entry.name} reader removed`);
    this.options.emit({ type: 'reader-removed', reader: entry.name });
  }

  /** Forgets every reader without reporting anything (the port is closing). */
  clear(): void {
    for (const entry of this.byName.values()) {
      entry.detector.drop();
      this.gone.add(entry);
    }
    this.byName.clear();
  }
}
