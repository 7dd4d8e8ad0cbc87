// `npm start`: builds and launches the Electron kiosk; explains the browser host when Electron cannot run.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const fallback =
  'The Electron binary is not available on this machine (it is downloaded on first launch).\n' +
  'Run the same kiosk in a browser instead:  npm run start:web';

let electronPath;
try {
  // The electron package exports the binary's path, and throws when the binary was never downloaded.
  electronPath = require('electron');
} catch (error) {
  console.error(fallback);
  console.error(`(${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  process.exit(1);
}

for (const step of ['build:renderer', 'build:electron']) {
  const result = spawnSync('npm', ['run', '--silent', step], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const child = spawn(electronPath, ['dist/electron/main.js'], { stdio: 'inherit' });
child.on('error', (error) => {
  console.error(fallback);
  console.error(`(${error.message})`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (code !== 0 && code !== null) console.error(`Electron exited with code ${code}.\n${fallback}`);
  process.exit(code ?? (signal ? 1 : 0));
});
