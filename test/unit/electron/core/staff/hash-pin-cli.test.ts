// The hash tool: on a terminal it asks twice and shows nothing typed; from a pipe it reads stdin; weak passcodes are refused.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyStaffPin } from '../../../../../electron/core/staff/staff-pin';

const cli = path.resolve('electron/core/staff/hash-pin-cli.ts');
const command = `${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(cli)}`;
const HASH = /scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+/;

/** Runs the tool on a pseudo-terminal (util-linux `script`), answering each prompt as it appears. */
function onTerminal(answers: string[]): Promise<{ output: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let asked = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const prompts = (output.match(/Passcode: |Again: /g) ?? []).length;
      while (asked < prompts && asked < answers.length) child.stdin.write(`${answers[asked++] ?? ''}\r`);
    });
    child.on('close', (code) => resolve({ output, code }));
  });
}

describe('staff hash tool', () => {
  it('on a terminal: asks twice, echoes nothing, prints a hash of the passcode', async () => {
    const { output, code } = await onTerminal(['482916', '482916']);
    expect(code).toBe(0);
    expect(output).toContain('Passcode: ');
    expect(output).toContain('Again: ');
    expect(output).not.toContain('482916');
    const hash = HASH.exec(output)?.[0] ?? '';
    await expect(verifyStaffPin('482916', hash)).resolves.toBe(true);
  }, 30_000);

  it('on a terminal: two different entries give no hash', async () => {
    const { output, code } = await onTerminal(['482916', '482917']);
    expect(code).toBe(1);
    expect(output).not.toMatch(HASH);
  }, 30_000);

  it('from a pipe: reads stdin; refuses a passcode of 5 digits', () => {
    const good = spawnSync(process.execPath, ['--import', 'tsx', cli], { input: 'さくらさくら弥生の空\n' });
    expect(good.status).toBe(0);
    expect(good.stdout.toString()).toMatch(HASH);
    const weak = spawnSync(process.execPath, ['--import', 'tsx', cli], { input: '12345\n' });
    expect(weak.status).toBe(2);
    expect(weak.stdout.toString()).toBe('');
  }, 30_000);
});
