const audit = {
  title: "Nhật ký hoạt động",
  heading: "Nhật ký hoạt động: {{contest}}",
  intro: "Mọi thay đổi của cuộc thi được ghi lại tại đây; không ai có thể sửa hay xoá một dòng nhật ký.",
  link: "Nhật ký hoạt động",
  system: "Hệ thống",
  empty: "Không có hoạt động nào khớp với bộ lọc.",
  timesIn: "Thời gian theo múi giờ {{zone}}.",
  filter: {
    legend: "Lọc nhật ký",
    actor: "Người thực hiện",
    action: "Hoạt động",
    from: "Từ ngày",
    to: "Đến ngày",
    any: "Tất cả",
    submit: "Lọc",
    reset: "Bỏ lọc",
  },
  columns: {
    time: "Thời gian",
    actor: "Người thực hiện",
    action: "Hoạt động",
    target: "Đối tượng",
    details: "Chi tiết",
    ip: "Địa chỉ IP",
  },
  change: {
    before: "Trước",
    after: "Sau",
  },
  pages: {
    label: "Phân trang",
    newer: "Trang mới hơn",
    older: "Trang cũ hơn",
  },
  exportCsv: "Xuất CSV",
  // One key per audit action ("contest.phase" is actions.contest.phase).
  actions: {
    auth: {
      signIn: "Đăng nhập",
      signUp: "Đăng ký tài khoản",
      passwordReset: "Đặt lại mật khẩu",
    },
    contest: {
      create: "Tạo cuộc thi",
      phase: "Chuyển giai đoạn cuộc thi",
      phaseRefused: "Chuyển giai đoạn theo lịch bị từ chối",
      update: "Sửa thể lệ và cài đặt cuộc thi",
    },
    category: {
      create: "Thêm đối tượng dự thi",
      update: "Sửa tên, mô tả đối tượng dự thi",
      reorder: "Sắp xếp lại các đối tượng dự thi",
      delete: "Xoá đối tượng dự thi",
      prizeTiers: "Sửa cơ cấu giải thưởng",
    },
    invitation: {
      create: "Gửi lời mời",
      accept: "Nhận lời mời",
      resend: "Gửi lại lời mời",
      revoke: "Thu hồi lời mời",
    },
    member: {
      revoke: "Thu hồi vai trò thành viên",
    },
    user: {
      setOrganizer: "Cấp/thu hồi quyền tổ chức",
      setUnit: "Cập nhật đơn vị công tác",
    },
    judge: {
      setExpertise: "Giám khảo cập nhật chuyên môn theo đối tượng dự thi",
    },
    assignment: {
      apply: "Áp dụng phân công giám khảo tự động",
      manualAdd: "Phân công giám khảo thủ công",
      manualRemove: "Bỏ phân công giám khảo thủ công",
      repair: "Bổ sung giám khảo cho một bài (sau khi giám khảo từ chối chấm)",
      extraReader: "Thêm giám khảo chấm bổ sung cho một bài",
    },
    round: {
      create: "Tạo vòng chấm",
      update: "Sửa thiết lập vòng chấm",
      move: "Đổi thứ tự vòng chấm",
      delete: "Xoá vòng chấm",
      distribute: "Phân bài dự thi về các tiểu ban",
    },
    panel: {
      create: "Tạo tiểu ban",
      update: "Sửa tiểu ban",
      delete: "Xoá tiểu ban",
      addJudge: "Thêm giám khảo vào tiểu ban",
      updateJudge: "Đổi số bài tối đa của giám khảo",
      setChair: "Chỉ định trưởng tiểu ban",
      removeJudge: "Rút giám khảo khỏi tiểu ban",
      remind: "Gửi thư nhắc giám khảo của tiểu ban",
    },
    resolution: {
      record: "Trưởng tiểu ban ghi nhận kết quả xử lý chênh lệch điểm",
    },
    scoresheet: {
      reopen: "Trưởng tiểu ban mở lại phiếu chấm đã nộp",
      importPaper: "Nhập phiếu chấm giấy",
    },
    conflict: {
      detect: "Phát hiện xung đột lợi ích",
      declare: "Giám khảo khai báo xung đột lợi ích",
      decide: "Xác nhận/bỏ qua xung đột lợi ích",
    },
    originality: {
      run: "Kiểm tra trùng lặp nội dung",
    },
    rubric: {
      create: "Tạo thang điểm",
      update: "Sửa thang điểm",
    },
    masking: {
      addTerm: "Thêm từ cần che trong bài dự thi",
      excludeTerm: "Bỏ che một từ được tìm thấy tự động",
      removeTerm: "Gỡ một từ khỏi danh sách che của bài dự thi",
    },
    demo: {
      seed: "Tạo dữ liệu mẫu",
    },
  },
  csv: {
    id: "Mã",
    at: "Thời gian",
    actorName: "Người thực hiện",
    actorEmail: "E-mail",
    action: "Mã hoạt động",
    actionLabel: "Hoạt động",
    targetType: "Loại đối tượng",
    targetId: "Mã đối tượng",
    before: "Trước",
    after: "Sau",
    data: "Dữ liệu khác",
    ip: "Địa chỉ IP",
  },
  errors: {
    toBeforeFrom: "Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.",
  },
};
export default audit;
