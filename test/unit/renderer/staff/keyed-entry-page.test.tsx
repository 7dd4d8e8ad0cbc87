// The keyed-entry page: the 有効期限 a 資格確認書 requires, and the answer as staff read it (和暦, copay source).
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StaffConfirmationResult } from '../../../../electron/common/contract';
import { KeyedEntryPage, KeyedResult } from '../../../../renderer/staff/KeyedEntryPage';
import type { StaffCall } from '../../../../renderer/staff/staff-call';
import { copayLabel, newerIssuanceText } from '../../../../renderer/staff/staff-labels';
import { MiniDocument, MiniWindow } from '../support/mini-dom';

const neverCalled: StaffCall = () => new Promise(() => undefined);

const answer = (over: Partial<StaffConfirmationResult> = {}): StaffConfirmationResult => ({
  outcome: 'confirmed',
  validity: 1,
  persons: [
    {
      name: '試験　太郎',
      nameNeedsStaffCheck: false,
      birthdate: '19850412',
      birthdateWareki: '昭和60年4月12日',
      insurerNumber: '138057',
      number: '55012',
      copayTenths: 3,
      copaySource: 'statutory-age',
    },
  ],
  notices: [],
  receptionNumber: 7,
  ...over,
});

/** The markup of the field whose data-field is `name`. */
const fieldMarkup = (html: string, name: string): string => {
  const start = html.indexOf(`data-field="${name}"`);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</label>', start));
};

describe('KeyedEntryPage', () => {
  it('marks the 有効期限 of a 資格確認書 as required (§4.1)', () => {
    const html = renderToStaticMarkup(<KeyedEntryPage call={neverCalled} />);
    const expiry = fieldMarkup(html, 'validUntil');
    expect(expiry).toContain('有効期限');
    expect(expiry).toContain('（必須）');
    expect(expiry).toContain('required=""');
    expect(expiry).toContain('aria-required="true"');
    // The 交付年月日 stays optional.
    const issued = fieldMarkup(html, 'issuedOn');
    expect(issued).toContain('（任意）');
    expect(issued).not.toContain('required');
  });
});

describe('KeyedEntryPage: the 限度額 tick', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  /** The page mounted with the clinic's `consent.limitScreen`; answers whether the 限度額 tick is offered. */
  async function offersLimitTick(limitConsentScreen: boolean): Promise<boolean> {
    const doc = new MiniDocument();
    vi.stubGlobal('IS_REACT_ACT_ENVIRONMENT', true);
    vi.stubGlobal('window', new MiniWindow(doc, ''));
    vi.stubGlobal('document', doc);
    const call = ((channel: string) =>
      Promise.resolve(
        channel === 'staff.settings.get'
          ? { ok: true, value: { limitConsentScreen } }
          : { ok: true, value: { ok: false, problems: [] } },
      )) as unknown as StaffCall;
    const container = doc.createElement('div');
    doc.body.appendChild(container);
    const root = createRoot(container as unknown as HTMLElement);
    await act(async () => root.render(<KeyedEntryPage call={call} />));
    await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
    const offered = container.textContent.includes('限度額の情報を窓口で使うこと');
    await act(async () => root.unmount());
    return offered;
  }

  it('is not offered when the clinic does not ask (the default, §3)', async () => {
    expect(await offersLimitTick(false)).toBe(false);
  });

  it('is offered when the clinic asks about 限度額', async () => {
    expect(await offersLimitTick(true)).toBe(true);
  });
});

describe('KeyedResult', () => {
  it('shows the birth date in 和暦 and the copay with where it came from', () => {
    const html = renderToStaticMarkup(<KeyedResult result={answer()} />);
    expect(html).toContain('昭和60年4月12日');
    expect(html).not.toContain('>19850412<');
    expect(html).toContain('3割（年齢による）');
    expect(html).toContain('data-copay-source="statutory-age"');
  });

  it.each([
    [2, 'elderly-certificate', '2割（高齢受給者証情報による）'],
    [1, 'insurer-ratio', '1割（資格情報による）'],
    [undefined, 'public-assistance', '医療扶助・公費（医療券などでご確認ください）'],
    [undefined, undefined, '不明（確認が必要です）'],
  ] as const)('reads copay %j from %j as 「%s」', (tenths, source, text) => {
    expect(copayLabel(tenths, source)).toBe(text);
  });

  it('tells staff plainly when the answer names a newer 交付年月日, in 和暦', () => {
    const html = renderToStaticMarkup(
      <KeyedResult
        result={answer({
          newerIssuance: {
            keyed: { date: '2024-12-02', wareki: '令和6年12月2日' },
            answer: { date: '2025-08-01', wareki: '令和7年8月1日' },
          },
        })}
      />,
    );
    const text = newerIssuanceText('令和6年12月2日', '令和7年8月1日');
    expect(text).toBe(
      '資格情報の交付年月日（令和7年8月1日）が、入力された交付年月日（令和6年12月2日）より新しくなっています。新しい資格確認書をお持ちでないか、患者さんにご確認ください。',
    );
    expect(html).toContain(text);
    expect(html).toContain('data-newer-issuance="2025-08-01"');
    expect(renderToStaticMarkup(<KeyedResult result={answer()} />)).not.toContain('data-newer-issuance');
  });

  it('shows the copay notices in plain Japanese', () => {
    const html = renderToStaticMarkup(
      <KeyedResult result={answer({ outcome: 'needs-attention', notices: ['copay-conflict'] })} />,
    );
    expect(html).toContain('data-notice="copay-conflict"');
    expect(html).toContain('負担割合について、確認が必要な点があります。');
  });
});
