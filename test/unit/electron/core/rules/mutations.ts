// Test support: every number that differs from a digit string in exactly one digit.
export function singleDigitMutations(digits: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < digits.length; i++) {
    for (let d = 0; d <= 9; d++) {
      if (String(d) !== digits[i]) out.push(digits.slice(0, i) + String(d) + digits.slice(i + 1));
    }
  }
  return out;
}
