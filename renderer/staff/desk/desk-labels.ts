// The desk check-in page's Japanese words for staff: each step of the session, each error reason, plainly.
import type { ErrorReason } from '../../../electron/common/contract';
import type { DeskStep, PatientStep } from './desk-step';

export const busyLabels: Record<Extract<DeskStep, { kind: 'busy' }>['what'], string> = {
  reading: 'カードを読み取っています…',
  verifying: '電子証明書を確認しています…',
  registering: '保険証利用登録をしています…',
  confirming: '資格を確認しています…',
};

export const outOfServiceLabels: Record<Extract<DeskStep, { kind: 'out-of-service' }>['reason'], string> = {
  'reader-down': 'カードリーダーが使用できません。接続をご確認ください。',
  'gateway-down': '資格確認システムにつながりません。復旧までお待ちください。',
  'log-down': '確認の記録を保存できません。機器の状態をご確認ください。',
};

export const identityLabels: Record<Extract<DeskStep, { kind: 'identity' }>['why'], string> = {
  pin: '本人確認の方法を選んでください。暗証番号は患者さんご本人が入力します。',
  'last-try': '暗証番号はあと1回でロックされます。目視確認をおすすめします。',
  'pin-locked': '暗証番号がロックされています。目視確認で本人確認をしてください。',
  'no-pin': '暗証番号のないカード（顔認証マイナンバーカード）です。目視確認で本人確認をしてください。',
};

export const patientStepLabels: Record<PatientStep, string> = {
  pin: '暗証番号の入力',
  registration: '保険証利用登録',
  consent: '情報提供への同意',
  'limit-consent': '限度額情報の利用への同意',
};

export const errorReasonLabels: Record<ErrorReason, string> = {
  'not-my-number-card': 'マイナンバーカードではありません。',
  'card-unreadable': 'カードを読み取れませんでした。置き直してください。',
  'pin-locked': '暗証番号がロックされています。',
  'certificate-expired': '電子証明書の有効期限が切れています。',
  'phone-certificate-expired': 'スマートフォンの電子証明書の有効期限が切れています。',
  'phone-pin-locked': 'スマートフォンの暗証番号がロックされています。',
  'certificate-invalid': '電子証明書が失効しているか、確認できません。',
  'not-registered': '保険証利用登録がされていません。',
  'registration-declined': '患者さんが保険証利用登録をしませんでした。',
  'registration-failed': '保険証利用登録ができませんでした。',
  'visual-declined': '目視確認で本人と確認できませんでした。',
  'gateway-timeout': '資格確認システムから応答がありません。',
  'gateway-error': '資格確認システムでエラーが起きました。',
  internal: '予期しないエラーが起きました。',
};
