// Vietnamese catalog.
import type { Catalog } from './ja';

export const vi: Catalog = {
  'app.title': 'Tiếp nhận',
  'idle.heading': 'Vui lòng đặt thẻ',
  'idle.instruction': 'Vui lòng đặt thẻ bảo hiểm My Number (マイナ保険証) lên đầu đọc thẻ.',
  'idle.paperHint': 'Nếu quý vị có giấy xác nhận tư cách (資格確認書), vui lòng nộp tại quầy tiếp nhận.',
  'idle.language': 'Ngôn ngữ',
  'idle.largeText': 'Chữ lớn',
  'idle.voice': 'Hướng dẫn bằng giọng nói',
  'idle.staff': 'Menu nhân viên',
  'common.on': 'Bật',
  'common.off': 'Tắt',
  'common.connecting': 'Đang kết nối…',
  'outOfService.heading': 'Tạm thời không sử dụng được',
  'outOfService.instruction': 'Vui lòng liên hệ quầy tiếp nhận.',
  'outOfService.reader-down': 'Đầu đọc thẻ chưa sẵn sàng.',
  'outOfService.gateway-down': 'Không kết nối được hệ thống xác nhận tư cách.',
  'outOfService.log-down': 'Không lưu được hồ sơ.',
  'simulation.badge': 'Mô phỏng',
};
