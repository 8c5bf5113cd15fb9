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
    },
    invitation: {
      create: "Gửi lời mời",
      accept: "Nhận lời mời",
    },
    user: {
      setOrganizer: "Cấp/thu hồi quyền tổ chức",
    },
    assignment: {
      apply: "Áp dụng phân công giám khảo tự động",
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
