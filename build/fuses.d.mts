// Types of the fuse set module, for the packaging tests that import it.
import type { FuseV1Config } from '@electron/fuses';

export declare const kioskFuses: Readonly<Record<string, boolean>>;
export declare function kioskFuseConfig(): FuseV1Config;
