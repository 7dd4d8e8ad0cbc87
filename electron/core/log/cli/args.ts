// Minimal argument parsing shared by the log commands: positionals and --name value options.

export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string>;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Parses `a b --from x --to y`; every option takes a value; unknown options are refused. */
export function parseArgs(argv: readonly string[], known: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (!known.includes(name)) throw new UsageError(`unknown option --${name}`);
    const value = inline ?? argv[i + 1];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new UsageError(`--${name} needs a value`);
    }
    if (inline === undefined) i += 1;
    options.set(name, value);
  }
  return { positionals, options };
}
