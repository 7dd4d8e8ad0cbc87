// The sim:terminal command answering a real folder in a child process.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOqsFolderGateway } from '../../../../../electron/core/gateway/oqs-folder/oqs-folder-gateway';
import { decodeXml } from '../../../../../electron/core/gateway/xml/encoding';
import { simulatedPersonAt } from '../../../../support/simulated-people';

const root = path.resolve(import.meta.dirname, '../../../../..');
const cli = path.join(root, 'electron/core/gateway/terminal-sim-cli.ts');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'terminal-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run sim:terminal', () => {
  it('answers requests in the folder until stopped', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', cli, '--dir', dir, '--encoding', 'sjis', '--delay-ms', '10'],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', () => output.includes('watching') && resolve());
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
      });
      const gateway = createOqsFolderGateway({
        dir,
        medicalInstitutionCode: '0110113719',
        timeoutMs: 10_000,
        pollMs: 20,
        clock: () => new Date(),
      });
      const result = await gateway.confirm({
        route: 'keyed',
        insurerNumber: '39131016',
        number: '12345675',
        // p05 as printed on today's 資格確認書 (the simulated population moves with the fiscal year).
        birthdate: simulatedPersonAt('p05').birthdate,
        limitConsent: true,
      });
      expect(result.persons[0]?.name).toBe('仮名　ウメ');
      const [resFile] = readdirSync(path.join(dir, 'res'));
      expect(decodeXml(readFileSync(path.join(dir, 'res', resFile ?? ''))).encoding).toBe('sjis');
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    expect(output).toMatch(/OQSsiquc01req_\w+\.xml → OQSsiquc01res_\w+\.xml \[result\]/);
  });
});
