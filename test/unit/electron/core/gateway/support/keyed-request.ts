// Keyed requests for the simulated people, as staff would key their 資格確認書 (fiscal year 2026 dates).
import type { KeyedConfirmation } from '../../../../../../electron/core/gateway/qualification-gateway';
import { simulatedPeople } from '../../../../../../electron/core/gateway/simulator/people';

/** The keyed request for simulated person `id`, with 限度額 consent given unless `overrides` say otherwise. */
export function keyedFor(id: string, overrides: Partial<KeyedConfirmation> = {}): KeyedConfirmation {
  const p = simulatedPeople.find((x) => x.id === id)?.person;
  if (!p) throw new Error(`no simulated person ${id}`);
  const keyed: KeyedConfirmation = {
    route: 'keyed',
    insurerNumber: p.insurerNumber,
    number: p.number,
    birthdate: p.birthdate,
    limitConsent: true,
  };
  if (p.symbol) keyed.symbol = p.symbol;
  if (p.branch) keyed.branch = p.branch;
  return { ...keyed, ...overrides };
}
