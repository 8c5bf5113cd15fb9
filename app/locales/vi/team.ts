// Team management, conflicts of interest screens (app/routes/organize.$contestId.team*, .conflicts*).
const team = {
  title: "Thành viên",
  heading: "Thành viên cuộc thi: {{contest}}",
  intro:
    "Ban tổ chức mời thành viên bằng e-mail. Người được mời nhận một liên kết để tạo tài khoản (hoặc đăng nhập) và nhận vai trò trong cuộc thi.",
  invite: {
    heading: "Mời thành viên",
    role: "Vai trò",
    addresses: "Địa chỉ e-mail",
    addressesHelp:
      "Mỗi dòng một địa chỉ, hoặc nhiều địa chỉ cách nhau bằng dấu phẩy hay dấu chấm phẩy. Mỗi lần gửi tối đa {{max}} địa chỉ.",
    submit: "Gửi lời mời",
    sent: "Đã gửi lời mời với vai trò {{role}} đến {{count}} địa chỉ.",
    alreadyMembers: "Không gửi lời mời cho các địa chỉ đã có vai trò {{role}} trong cuộc thi: {{emails}}.",
    rejected: "Các dòng không hợp lệ được giữ lại trong ô nhập để bạn sửa và gửi lại.",
    errors: {
      empty: "Vui lòng nhập ít nhất một địa chỉ e-mail.",
      tooMany: "Mỗi lần chỉ gửi được tối đa {{max}} lời mời.",
      role: "Vui lòng chọn vai trò.",
      invalidLine: "Dòng {{line}}: «{{value}}» không phải là địa chỉ e-mail hợp lệ, chưa gửi lời mời.",
    },
  },
  members: {
    count: "{{role}} ({{count}})",
    empty: "Chưa có thành viên nào với vai trò này.",
    name: "Họ và tên",
    email: "E-mail",
    since: "Tham gia từ",
    actions: "Thao tác",
    revoke: "Thu hồi",
    revokeLabel: "Thu hồi vai trò {{role}} của {{name}}",
    revokeConfirm:
      "Thu hồi vai trò {{role}} của {{name}}? Nếu là giám khảo, người này đồng thời được rút khỏi các tiểu ban của cuộc thi.",
    lastOrganizer: "Thành viên Ban tổ chức duy nhất",
    revoked: "Đã thu hồi vai trò {{role}} của {{name}}.",
    revokedSeats:
      "Đã thu hồi vai trò {{role}} của {{name}} và rút người này khỏi {{count}} tiểu ban. Hãy chạy lại phân công giám khảo để chuyển các bài của người này cho giám khảo khác.",
  },
  invitations: {
    heading: "Lời mời chưa được nhận",
    empty: "Không có lời mời nào đang chờ.",
    email: "E-mail",
    role: "Vai trò",
    sentAt: "Ngày gửi",
    expiresAt: "Hết hạn",
    expired: "Đã hết hạn",
    actions: "Thao tác",
    resend: "Gửi lại",
    resendLabel: "Gửi lại lời mời cho {{email}}",
    revoke: "Thu hồi",
    revokeLabel: "Thu hồi lời mời gửi {{email}}",
    resent: "Đã gửi lại lời mời đến {{email}} với liên kết mới; liên kết cũ không còn dùng được.",
    revoked: "Đã thu hồi lời mời gửi {{email}}; liên kết trong thư mời không còn dùng được.",
  },
  errors: {
    invitationClosed: "Lời mời này vừa được nhận hoặc bị thu hồi. Danh sách đã được cập nhật.",
    memberGone: "Vai trò này vừa được người khác thu hồi. Danh sách đã được cập nhật.",
    lastOrganizer:
      "Không thể thu hồi thành viên Ban tổ chức duy nhất của cuộc thi. Hãy mời thêm người vào Ban tổ chức trước.",
  },
};
export default team;
