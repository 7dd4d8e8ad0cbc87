// 機器の状態: each reader's screen in staff words, and a card left on a reader marked with the time it was left.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { StaffStatus } from '../../../../electron/common/contract';
import { HealthPage } from '../../../../renderer/staff/HealthPage';

const status = (over: Partial<StaffStatus> = {}): StaffStatus => ({
  simulation: false,
  readerService: 'up',
  readers: [
    { name: 'Virtual PCD 00 00', cardPresent: true, screen: 'take-card' },
    { name: 'Virtual PCD 00 01', cardPresent: false, screen: 'idle' },
  ],
  gateway: { kind: 'folder', ok: true, detail: '' },
  log: { ok: true, detail: '' },
  visualPending: [],
  clinic: { today: '2026-12-02', now: '2026-12-02T09:15:00+09:00', utcOffset: '+09:00' },
  ...over,
});

/** The text of one reader's entry. */
function readerEntry(html: string, reader: string): string {
  const start = html.indexOf(`data-reader="${reader}"`);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</div>', start)).replace(/<[^>]+>/g, '');
}

describe('機器の状態', () => {
  it('names each reader’s screen in Japanese, never the internal screen name', () => {
    const html = renderToStaticMarkup(<HealthPage status={status()} />);
    expect(readerEntry(html, 'Virtual PCD 00 00')).toContain('画面: カードの取り忘れ防止');
    expect(readerEntry(html, 'Virtual PCD 00 01')).toContain('画面: 待機中');
    expect(html).not.toContain('take-card');
  });

  it('marks a reader with a card left past timeouts.takeCard, with the clinic time it was left', () => {
    const html = renderToStaticMarkup(
      <HealthPage
        status={status({ cardsLeft: [{ reader: 'Virtual PCD 00 00', since: '2026-12-02T09:12:30+09:00' }] })}
      />,
    );
    expect(readerEntry(html, 'Virtual PCD 00 00')).toContain('カードが残っています（09:12:30 から）');
    expect(html).toContain('data-reader="Virtual PCD 00 00" data-card-left="true"');
    expect(readerEntry(html, 'Virtual PCD 00 01')).not.toContain('カードが残っています');
  });

  it('no card left: no warning on any reader', () => {
    const html = renderToStaticMarkup(<HealthPage status={status({ cardsLeft: [] })} />);
    expect(html).not.toContain('カードが残っています');
  });
});
