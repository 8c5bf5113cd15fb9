const admin = {
  title: "Quản trị hệ thống",
  heading: "Quản trị hệ thống",
  users: "Tài khoản",
  name: "Họ và tên",
  email: "E-mail",
  roles: "Quyền",
  isAdmin: "Quản trị viên",
  isOrganizer: "Được tạo cuộc thi",
  entrant: "Tác giả",
  disabled: "Đã khoá",
  makeOrganizer: "Cho phép tạo cuộc thi",
  removeOrganizer: "Thu hồi quyền tạo cuộc thi",
  invite: {
    heading: "Mời người tổ chức",
    help: "Người được mời nhận e-mail có đường dẫn để tạo tài khoản hoặc đăng nhập, rồi được quyền tạo cuộc thi.",
    email: "E-mail người được mời",
    submit: "Gửi lời mời",
    sent: "Đã gửi lời mời tới {{email}}.",
  },
  updated: "Đã cập nhật quyền của {{name}}.",
};
export default admin;
