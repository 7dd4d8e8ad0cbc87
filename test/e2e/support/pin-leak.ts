// Searches a kiosk run's evidence files for a PIN in every form it could leak as.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The forms a PIN takes on the way to the card: the digits the patient typed, and the VERIFY data
 * bytes (ASCII digits, my-number-card.md §5) as an APDU trace writes them, spaced or unspaced hex.
 */
export function pinForms(pin: string): { digits: string; hex: string[] } {
  const bytes = Array.from(Buffer.from(pin, 'ascii'), (b) => b.toString(16).padStart(2, '0'));
  return { digits: pin, hex: [bytes.join(' '), bytes.join('')] };
}

/** Text files (logs, traces, console captures) get every form; every other file (SQLite db, WAL, SHM) the hex forms. */
const isTextFile = (file: string): boolean => file.endsWith('.log');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

/**
 * Every place a PIN shows up under `dir`, as `file: form`. The plain digit string is searched only in
 * text files: there a match is readable in context, while in a binary SQLite page four digits turn up
 * by chance (an integer, a B-tree offset). The hex forms are 8- or 11-character patterns that nothing
 * else the kiosk writes produces by chance, so they are searched in every file, binary included.
 */
export function findPinLeaks(dir: string, pins: readonly string[]): string[] {
  const leaks: string[] = [];
  for (const file of filesUnder(dir)) {
    // latin1 keeps every byte as one char, so ASCII forms inside binary pages are found too.
    const content = readFileSync(file).toString('latin1').toLowerCase();
    for (const pin of pins) {
      const { digits, hex } = pinForms(pin);
      const forms = isTextFile(file) ? [digits, ...hex] : hex;
      for (const form of forms) if (content.includes(form)) leaks.push(`${path.basename(file)}: "${form}"`);
    }
  }
  return leaks;
}
