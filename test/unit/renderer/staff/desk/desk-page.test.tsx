// The desk check-in page: what staff can do at each step, and the screen turned to the patient (§3).
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  languages,
  type ConfirmationRow,
  type KioskApi,
  type Language,
  type Screen,
  type SessionSnapshot,
} from '../../../../../electron/common/contract';
import { translator } from '../../../../../renderer/i18n/catalogs';
import { DeskPage } from '../../../../../renderer/staff/desk/DeskPage';
import { birthDateLabel, rowOf } from '../../../../../renderer/staff/desk/DeskResult';
import { TurnedScreen } from '../../../../../renderer/staff/desk/TurnedScreen';
import type { Desk } from '../../../../../renderer/staff/desk/use-desk';
import type { StaffCall } from '../../../../../renderer/staff/staff-call';

const api = { invoke: () => new Promise(() => undefined), on: () => () => undefined } as unknown as KioskApi;
const call: StaffCall = () => new Promise(() => undefined);
const desk: Desk = {
  facingPatient: false,
  turn: () => undefined,
  turnBack: () => undefined,
  deadline: undefined,
  touch: () => undefined,
};

const snapshotOf = (screen: Screen, language: Language = 'ja'): SessionSnapshot => ({
  seq: 3,
  screen,
  preferences: { language, largeText: false, voice: false },
  simulation: true,
  terminalName: '受付1',
  mode: 'staff',
  languages: [...languages],
});

const deskHtml = (screen: Screen): string =>
  renderToStaticMarkup(
    <DeskPage
      api={api}
      call={call}
      snapshot={snapshotOf(screen)}
      status={undefined}
      desk={desk}
      changeSeq={0}
    />,
  );

const pin = (tokenKind: 'card' | 'android'): Screen => ({
  name: 'pin',
  tokenKind,
  triesLeft: 3,
  lastTry: false,
  wrong: false,
});

describe('DeskPage (staff view)', () => {
  it('offers the turned screen for the PIN and 目視確認 on the spot for a card', () => {
    const html = deskHtml(pin('card'));
    expect(html).toContain('data-desk-step="identity"');
    expect(html).toContain('患者さんに画面を向ける（暗証番号）');
    expect(html).toContain('目視で確認する');
    // Staff never get a PIN pad of their own: the PIN is the patient's to key (§3).
    expect(html).not.toContain('pin-keys');
    // Staff may set the language of the screen before turning it: every language the clinic offers.
    expect(html).toContain('name="patient-language"');
    expect(html.match(/<option /g)).toHaveLength(languages.length);
  });

  it('offers no 目視確認 for a phone (§5)', () => {
    const html = deskHtml(pin('android'));
    expect(html).toContain('患者さんに画面を向ける（暗証番号）');
    expect(html).not.toContain('目視で確認する');
  });

  it('asks staff to turn the screen for consent, with no consent control of their own', () => {
    const html = deskHtml({ name: 'consent', items: ['medication', 'checkup'], choices: {} });
    expect(html).toContain('患者さんに画面を向けてください');
    expect(html).toContain('患者さん用の画面にする');
    const ja = translator('ja');
    for (const key of ['consent.all', 'consent.each', 'consent.none', 'consent.agree'] as const) {
      expect(html).not.toContain(ja(key));
    }
    expect(html).not.toContain('data-consent-mode');
  });

  it('approves a 目視確認 only once the core lists the card as waiting', () => {
    const html = deskHtml({ name: 'visual-wait' });
    expect(html).toContain('本人と確認しました');
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>本人と確認しました/);
  });

  it('shows the result with its reception number and lets staff end it', () => {
    const html = deskHtml({
      name: 'result',
      outcome: 'confirmed',
      notices: [],
      eligibilityOnly: false,
      receptionNumber: 21,
    });
    expect(html).toContain('data-reception-number="21"');
    expect(html).toContain('受付を終える');
  });
});

describe('TurnedScreen (facing the patient)', () => {
  it('is the patient PIN screen with its pad, in the patient language, under the patient notice', () => {
    const html = renderToStaticMarkup(
      <TurnedScreen
        api={api}
        snapshot={snapshotOf(pin('card'), 'en')}
        desk={{ ...desk, facingPatient: true }}
      />,
    );
    const en = translator('en');
    expect(html).toContain('data-desk="turned"');
    expect(html).toContain('data-screen="pin"');
    expect(html).toContain('pin-keys');
    expect(html).toContain(en('desk.turned.notice'));
    expect(html).toContain(en('desk.turned.back'));
    expect(html).toContain(en('pin.heading'));
    // Nothing of the staff console shows to the patient.
    expect(html).not.toContain('class="staff');
  });

  it('is the patient consent screen for consent', () => {
    const html = renderToStaticMarkup(
      <TurnedScreen
        api={api}
        snapshot={snapshotOf({ name: 'consent', items: ['medication'], choices: {} })}
        desk={{ ...desk, facingPatient: true }}
      />,
    );
    expect(html).toContain('data-screen="consent"');
    expect(html).toContain(translator('ja')('desk.turned.notice'));
  });
});

describe('DeskResult', () => {
  it('finds the log row of the reception number on screen', () => {
    const row = (receptionNumber: number): ConfirmationRow =>
      ({ id: receptionNumber, receptionNumber }) as unknown as ConfirmationRow;
    expect(rowOf([row(3), row(12), row(30)], 12)).toEqual(row(12));
    expect(rowOf([row(3)], 12)).toBeUndefined();
  });

  it('writes the birth date in the calendar staff read', () => {
    expect(birthDateLabel('19850412')).toBe('1985年4月12日');
    expect(birthDateLabel('1985-04-12')).toBe('1985年4月12日');
    expect(birthDateLabel('不明')).toBe('不明');
  });
});
