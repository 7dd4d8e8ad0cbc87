// `npm run staff:hash`: asks for a staff passcode twice without echo (or reads it on stdin) and prints its scrypt hash.
import { hashStaffPin, passcodeProblem } from './staff-pin';

/** Reads one line from a terminal without showing it: nothing of the passcode reaches the screen or history. */
function readHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  // Echo goes off before the prompt shows, so nothing typed as soon as it appears reaches the screen.
  input.setRawMode(true);
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let text = '';
    const done = (error?: Error): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(text);
    };
    const onData = (chunk: Buffer): void => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return done();
        // Ctrl+C and Ctrl+D end without a hash.
        if (char === '\u0003' || char === '\u0004') return done(new Error('中止しました / cancelled'));
        if (char === '\u007f' || char === '\b') text = [...text].slice(0, -1).join('');
        else if (char >= ' ') text += char;
      }
    };
    input.resume();
    input.on('data', onData);
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function readPasscode(): Promise<string> {
  // A pipe or a file (a provisioning script): read as given, no prompt.
  if (!process.stdin.isTTY) return readStdin();
  const first = await readHidden('パスコード / Passcode: ');
  const second = await readHidden('もう一度 / Again: ');
  if (first !== second) throw new Error('2回の入力が一致しません / the two entries differ');
  return first;
}

async function main(): Promise<void> {
  const passcode = await readPasscode();
  const problem = passcodeProblem(passcode);
  if (problem) {
    process.stderr.write(`${problem} / digits only: at least 6; with other characters: at least 10\n`);
    process.exit(2);
  }
  process.stdout.write(`${await hashStaffPin(passcode)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
