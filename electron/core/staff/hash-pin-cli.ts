// `tsx electron/core/staff/hash-pin-cli.ts`: reads a staff PIN on stdin and prints the scrypt hash for staff.pinHash.
import { hashStaffPin, STAFF_PIN_MIN_LENGTH } from './staff-pin';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8').trim();
}

async function main(): Promise<void> {
  if (process.stdin.isTTY)
    process.stderr.write('職員用暗証番号を入力して Ctrl+D / Staff PIN, then Ctrl+D:\n');
  const pin = await readStdin();
  if (!/^\d+$/.test(pin) || pin.length < STAFF_PIN_MIN_LENGTH) {
    process.stderr.write(
      `暗証番号は${STAFF_PIN_MIN_LENGTH}桁以上の数字にしてください / digits only, at least ${STAFF_PIN_MIN_LENGTH}\n`,
    );
    process.exit(2);
  }
  process.stdout.write(`${await hashStaffPin(pin)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
