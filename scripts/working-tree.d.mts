// Types of the working-tree copy, for the test that installs a fresh copy of the kiosk.
export declare function copyWorkingTree(root: string, dest: string): void;
