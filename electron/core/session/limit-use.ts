// The 限度額 information when a patient declined its use at the desk: dropped from the result before anyone sees it.
import type { QualificationResult } from '../gateway/qualification-gateway';

/**
 * The result without any person's 限度額 block. Since 2024-10-07 the system provides the information
 * whatever the patient answers (oqs-and-insurance.md §3), so a clinic that still asks (config
 * `consent.limitScreen`) keeps its word here: the patient screen, the staff console and the log row all
 * come from this result, and the face outbox drops the block on its own (gateway/face-outbox.ts).
 */
export function withoutLimit(result: QualificationResult): QualificationResult {
  return { ...result, persons: result.persons.map(({ limit: _limit, ...person }) => person) };
}
