// Vietnamese first; English by the switch in the header (kept in localStorage).
export type Lang = 'vi' | 'en';
export let lang: Lang = (localStorage.getItem('lang') as Lang) || 'vi';
export function setLang(l: Lang) { lang = l; localStorage.setItem('lang', l); document.documentElement.lang = l; }

const en: Record<string, string> = {
  'ISO điện tử': 'ISO điện tử (e-ISO)',
  'Đăng nhập': 'Sign in', 'Đăng xuất': 'Sign out', 'Tên đăng nhập': 'Username', 'Mật khẩu': 'Password',
  'Tiếp nhận hồ sơ': 'Reception', 'Hộp việc': 'Inbox', 'Hồ sơ': 'Dossier', 'Bảng giám sát': 'Supervisor dashboard',
  'Báo cáo': 'Reports', 'Tra cứu hồ sơ': 'Dossier lookup', 'Vận hành': 'Operations', 'Thông báo': 'Notifications', 'Đang tải…': 'Loading…', 'Tạm dừng tính thời gian từ': 'Clock stopped since',
  'Thủ tục': 'Procedure', 'Người nộp': 'Applicant', 'Họ và tên': 'Full name', 'Số CCCD': 'ID number', 'Điện thoại': 'Phone',
  'Địa chỉ': 'Address', 'Thư điện tử': 'E-mail', 'Kênh tiếp nhận': 'Channel', 'Trực tiếp': 'In person', 'Bưu chính': 'Post',
  'Trực tuyến': 'Online', 'Thành phần hồ sơ': 'Documents', 'Thêm thành phần': 'Add document', 'Tiếp nhận': 'Receive',
  'Giấy tiếp nhận hồ sơ và hẹn trả kết quả': 'Receipt and appointment slip', 'In': 'Print', 'Mã hồ sơ': 'Dossier code',
  'Mã tra cứu': 'Lookup secret', 'Ngày hẹn trả kết quả': 'Appointment', 'Nhận lúc': 'Received at', 'Hạn xử lý': 'Due',
  'Trạng thái': 'Status', 'Bước': 'Step', 'Đơn vị': 'Unit', 'Người xử lý': 'Officer', 'Việc của tôi': 'My tasks',
  'Việc có thể nhận': 'Claimable tasks', 'Nhận việc': 'Claim', 'Hoàn thành': 'Complete', 'Kết quả xử lý': 'Outcome',
  'Ý kiến': 'Comment', 'Yêu cầu bổ sung': 'Request supplement', 'Từ chối': 'Refuse', 'Trả lại bước trước': 'Return to previous step',
  'Quá hạn': 'Overdue', 'Sắp đến hạn': 'Due soon', 'Trong hạn': 'Within deadline', 'Trước hạn': 'Early', 'Đúng hạn': 'On time',
  'Không có việc': 'No tasks', 'Xem thêm': 'Load more', 'Mở': 'Open', 'Quá trình xử lý': 'History', 'Sơ đồ quy trình': 'Process diagram',
  'Phiếu kiểm soát quá trình giải quyết hồ sơ': 'Process control sheet', 'Phiếu xin lỗi và hẹn lại ngày trả kết quả': 'Apology and new appointment',
  'Bản in': 'Printable', 'Tài liệu số hoá': 'Scanned documents', 'Tải lên': 'Upload', 'Tệp': 'File', 'Kích thước': 'Size',
  'Trả kết quả': 'Return the result', 'Nhận bổ sung': 'Receive a supplement', 'Tài liệu bổ sung': 'Supplemented documents',
  'Từ ngày': 'From', 'Đến ngày': 'To', 'Tất cả': 'All', 'Xem': 'Show', 'Xuất CSV': 'Export CSV', 'Lĩnh vực': 'Field',
  'Tỷ lệ đúng hạn': 'On-time share', 'Tỷ lệ trực tuyến': 'Online share', 'Tỷ lệ số hoá': 'Digitised share',
  'Mức độ hài lòng': 'Satisfaction', 'Hồ sơ trễ có xin lỗi': 'Late dossiers with an apology', 'Theo đơn vị': 'By unit',
  'Theo cán bộ': 'By officer', 'Theo thủ tục': 'By procedure', 'Tỷ lệ đúng hạn theo tuần': 'On-time rate per week',
  'Hồ sơ trễ hạn': 'Late dossiers', 'Bước quá hạn / sắp đến hạn': 'Overdue / due-soon steps', 'Chuyển người xử lý': 'Reassign',
  'Tra cứu': 'Look up', 'Đánh giá mức độ hài lòng': 'Rate your satisfaction', 'Gửi đánh giá': 'Send rating',
  'Cảm ơn đánh giá của ông/bà': 'Thank you for your rating', 'Không tìm thấy hồ sơ': 'Dossier not found',
  'Các nút trong cụm': 'Cluster nodes', 'Tác vụ nền': 'Background jobs', 'Hẹn giờ đang chờ': 'Pending timers',
  'Lần chạy gần đây': 'Recent runs', 'Lỗi': 'Failures', 'Chạy lại': 'Retry', 'Độ trễ kích hoạt (1 giờ)': 'Firing lag (last hour)',
  'Lý do': 'Reason', 'Ngày hẹn mới': 'New appointment', 'Ghi nhận xin lỗi': 'Record apology', 'Tìm hồ sơ': 'Find a dossier',
  'Đã tiếp nhận': 'Received', 'Đang xử lý': 'In process', 'Chờ bổ sung': 'Waiting for supplement', 'Chờ nghĩa vụ tài chính': 'Awaiting tax',
  'Đã rút': 'Withdrawn', 'Có kết quả': 'Result issued', 'Đã trả kết quả': 'Result returned', 'Từ chối giải quyết': 'Refused',
  'Giao': 'From', 'Nhận': 'To', 'Thời điểm nhận': 'Received', 'Thời điểm xong': 'Done', 'Kết quả': 'Result', 'Ghi chú': 'Note',
  'STT': 'No.', 'Hồ sơ cần bổ sung': 'Missing documents', 'Đồng ý': 'Approve', 'Chưa nhận': 'Unclaimed',
  'Tổng số': 'Total', 'Nhận trực tuyến': 'Online', 'Trực tiếp/bưu chính': 'In person / post', 'Kỳ trước chuyển qua': 'Carried over',
  'Đã giải quyết': 'Resolved', 'Đang giải quyết': 'In progress', 'Số hồ sơ nhận giải quyết': 'Dossiers to resolve',
  'Kỳ báo cáo': 'Period', 'lượt': 'ratings', 'Tổng hợp': 'Total', 'Việc đến hạn': 'Tasks due', 'Sai tên đăng nhập hoặc mật khẩu': 'Wrong username or password',
  'Thủ tục chưa khai báo thành phần hồ sơ': 'The procedure lists no required documents', 'Thời hạn giải quyết': 'Statutory deadline',
  'Phí, lệ phí': 'Fees', 'ngày làm việc': 'working days', 'giờ làm việc': 'working hours', 'Trong ngày': 'Same day',
  'Hồ sơ chờ bổ sung': 'Dossiers waiting for a supplement', 'Nhận bổ sung hồ sơ này': 'Receive this supplement',
  'Cần bổ sung': 'Missing', 'Lần chạy quét việc đến hạn': 'Due-work sweeps', 'Bắt đầu': 'Started', 'giờ': 'hour', 'Kết thúc': 'Finished',
  'Số việc đã xử lý': 'Processed', 'Văn bản xin lỗi và hẹn lại ngày trả kết quả': 'Apology and new appointment',
  'Ông/bà không có quyền xem trang này': 'You may not see this page', 'Đã lưu': 'Saved', 'Xin lỗi': 'Apology',
};

export function t(vi: string): string { return lang === 'en' ? (en[vi] ?? vi) : vi; }

export const statusNames: Record<string, string> = {
  received: 'Đã tiếp nhận', processing: 'Đang xử lý', waitingForSupplement: 'Chờ bổ sung', awaitingFinancialObligation: 'Chờ nghĩa vụ tài chính',
  withdrawn: 'Đã rút', resultIssued: 'Có kết quả', completed: 'Đã trả kết quả', refused: 'Từ chối giải quyết',
};
export const resultNames: Record<string, string> = { early: 'Trước hạn', onTime: 'Đúng hạn', late: 'Quá hạn' };
export const outcomeNames: Record<string, string> = { approve: 'Đồng ý', supplement: 'Yêu cầu bổ sung', refuse: 'Từ chối' };
export function status(s: string) { return t(statusNames[s] ?? s); }
export function result(r: string | null | undefined) { return r ? t(resultNames[r] ?? r) : ''; }
export function outcome(o: string | null | undefined) { return o ? t(outcomeNames[o] ?? o) : ''; }
