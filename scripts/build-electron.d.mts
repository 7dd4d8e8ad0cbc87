// Types of the Electron build's exported esbuild options, for the test that checks what the main bundle holds.
import type { BuildOptions } from 'esbuild';

export declare const mainBuild: BuildOptions & { outdir: string };
export declare const preloadBuild: BuildOptions & { outfile: string };
