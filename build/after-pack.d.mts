// Types of the afterPack hook module, for the packaging tests that import it.
export interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}
export declare function electronBinaryPath(context: PackContext): string;
export declare function applyKioskFuses(
  binary: string,
  options?: { darwin?: boolean },
): Promise<{ binary: string; unknownFuses: number }>;
export declare function afterPack(context: PackContext): Promise<void>;
export default afterPack;
