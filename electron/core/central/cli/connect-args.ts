// The connection options the central commands share: --url, --password-file, --tls, --ca-file.
import pg from 'pg';
import { parseArgs, UsageError } from '../../log/cli/args';
import { CentralConfigSchema } from '../central-config';
import { centralClientConfig } from '../connection';

export const CONNECT_OPTIONS = ['url', 'password-file', 'tls', 'ca-file'] as const;

export const connectUsage =
  '--url postgres://<user>@<host>:<port>/<database> [--password-file <file>] [--tls verify-full|require|disable] [--ca-file <file>]';

/** Parses the shared options (and refuses anything else) into a connected pg client. */
export async function connectFromArgs(argv: readonly string[], usage: string): Promise<pg.Client> {
  const { positionals, options } = parseArgs(argv, CONNECT_OPTIONS);
  if (positionals.length > 0) throw new UsageError(usage);
  const parsed = CentralConfigSchema.safeParse({
    url: options.get('url') ?? '',
    passwordFile: options.get('password-file') ?? '',
    tls: { mode: options.get('tls') ?? 'verify-full', caFile: options.get('ca-file') ?? '' },
  });
  if (!parsed.success) {
    throw new UsageError(
      `${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n')}\n${usage}`,
    );
  }
  if (parsed.data.url === '') throw new UsageError(usage);
  const client = new pg.Client(centralClientConfig(parsed.data));
  await client.connect();
  return client;
}
