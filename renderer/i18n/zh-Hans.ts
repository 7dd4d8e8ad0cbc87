// Simplified Chinese catalog.
import type { Catalog } from './ja';

export const zhHans: Catalog = {
  'app.title': '挂号',
  'idle.heading': '请放置您的卡',
  'idle.instruction': '请将个人编号医保卡（マイナ保険証）放在读卡器上。',
  'idle.paperHint': '持有资格确认书（資格確認書）的患者，请交给挂号处。',
  'idle.language': '语言',
  'idle.largeText': '放大字体',
  'idle.voice': '语音引导',
  'idle.staff': '工作人员菜单',
  'common.on': '开',
  'common.off': '关',
  'common.connecting': '正在连接…',
  'outOfService.heading': '暂时无法使用',
  'outOfService.instruction': '请向挂号处咨询。',
  'outOfService.reader-down': '读卡器尚未就绪。',
  'outOfService.gateway-down': '无法连接资格确认系统。',
  'outOfService.log-down': '无法保存记录。',
  'simulation.badge': '模拟模式',
};
