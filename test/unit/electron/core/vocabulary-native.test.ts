// Native code may not import the vocabulary: its own copies of the domain enums are held equal to it here.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { simCardVariants, type SimCardVariant } from '../../../../electron/common/contract';
import { tokenKinds, type TokenKind } from '../../../../electron/common/vocabulary';
import type { TokenKind as RulesTokenKind } from '../../../../electron/core/rules/certificate-status';
import { TOKEN_LABEL_PREFIXES, type TokenKind as CardTokenKind } from '../../../../native/card';
import {
  virtualCardVariants,
  type TokenKind as SimTokenKind,
  type VirtualCardVariant,
} from '../../../../native/sim/virtual-card';

describe('native copies of the vocabulary', () => {
  it('token kinds: native/card, native/sim and the certificate rules have exactly the vocabulary’s', () => {
    // Type-level: a kind added or dropped on either side fails the typecheck, not only this run.
    expectTypeOf<CardTokenKind>().toEqualTypeOf<TokenKind>();
    expectTypeOf<SimTokenKind>().toEqualTypeOf<TokenKind>();
    expectTypeOf<RulesTokenKind>().toEqualTypeOf<TokenKind>();
    expectTypeOf<(typeof TOKEN_LABEL_PREFIXES)[number]['kind']>().toEqualTypeOf<TokenKind>();
    // Run time: every kind has its EF 0006 label prefix (my-number-card.md §6.1), and no other kind does.
    expect(new Set(TOKEN_LABEL_PREFIXES.map(({ kind }) => kind))).toEqual(new Set(tokenKinds));
  });

  it('virtual card variants: the simulator panel offers exactly the variants native/sim can make', () => {
    expectTypeOf<VirtualCardVariant>().toEqualTypeOf<SimCardVariant>();
    expect([...virtualCardVariants]).toEqual([...simCardVariants]);
  });
});
