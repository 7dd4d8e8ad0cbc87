// Korean catalog.
import type { Catalog } from './ja';

export const ko: Catalog = {
  'app.title': '접수',
  'idle.heading': '카드를 올려 주세요',
  'idle.instruction': '마이넘버 건강보험증(マイナ保険証)을 카드 리더기에 올려 주세요.',
  'idle.paperHint': '자격확인서(資格確認書)를 가지고 계신 분은 접수처에 제출해 주세요.',
  'idle.language': '언어',
  'idle.largeText': '글자 크게',
  'idle.voice': '음성 안내',
  'idle.staff': '직원 메뉴',
  'common.on': '켜기',
  'common.off': '끄기',
  'common.connecting': '연결 중…',
  'outOfService.heading': '지금은 사용할 수 없습니다',
  'outOfService.instruction': '접수처에 문의해 주세요.',
  'outOfService.reader-down': '카드 리더기가 준비되지 않았습니다.',
  'outOfService.gateway-down': '자격 확인 시스템에 연결할 수 없습니다.',
  'outOfService.log-down': '기록을 저장할 수 없습니다.',
  'simulation.badge': '시뮬레이션',
};
