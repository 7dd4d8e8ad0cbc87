// Types of the Electronegativity gate's exported functions, for the tests that import it.
export declare const severities: readonly string[];
export declare const blockingSeverity: string;
export declare const minimumReasonLength: number;
export declare const alwaysBlockingChecks: readonly string[];

export interface GateException {
  check: string;
  file: string;
  reason: string;
  proof?: string;
}

export interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  line: number;
  column: number;
  description: string;
  manualReview: boolean;
}

export interface ElectronegativityIssue {
  id: string;
  severity: { name: string };
  confidence: { name: string };
  file: string;
  location?: { line?: number; column?: number };
  description?: string;
  manualReview?: boolean;
}

export interface Row {
  finding: Finding;
  status: 'blocked' | 'excepted' | 'info';
  reason?: string;
}

export declare function parseExceptions(data: unknown): GateException[];
export declare function toFinding(issue: ElectronegativityIssue, stageDir: string): Finding;
export declare function evaluate(
  findings: Finding[],
  exceptions: GateException[],
): { rows: Row[]; blocked: Row[]; unusedExceptions: GateException[] };
export declare function formatTable(rows: Row[]): string;
export declare function scan(inputs: string[]): Promise<{
  electronVersion: string;
  checks: number;
  findings: Finding[];
  parseErrors: { file: string; message: string }[];
  notes: string[];
}>;
