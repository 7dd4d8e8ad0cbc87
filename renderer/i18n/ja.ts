// Japanese catalog: the source of every message key. Polite and short, like a clinic reception device.
export const ja = {
  'app.title': '受付',
  'idle.heading': 'カードを置いてください',
  'idle.instruction': 'マイナ保険証をカードリーダーに置いてください。',
  'idle.paperHint': '資格確認書をお持ちの方は、受付にお出しください。',
  'idle.language': '言語 / Language',
  'idle.largeText': '文字を大きく',
  'idle.voice': '音声案内',
  'idle.staff': '職員メニュー',
  'common.on': 'オン',
  'common.off': 'オフ',
  'common.connecting': '接続しています…',
  'outOfService.heading': 'ただいま使用できません',
  'outOfService.instruction': 'お手数ですが、受付にお声がけください。',
  'outOfService.reader-down': 'カードリーダーの準備ができていません。',
  'outOfService.gateway-down': '資格確認システムにつながりません。',
  'outOfService.log-down': '記録を保存できません。',
  'simulation.badge': 'シミュレーション',
} as const;

export type MessageKey = keyof typeof ja;
export type Catalog = { readonly [K in MessageKey]: string };
