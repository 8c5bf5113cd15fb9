// E-mails. Keys are shared with en/mail.ts. Links are added by the templates
// (app/modules/mail/templates.server.ts), never written into these texts.
const mail = {
  greeting: "Xin chào,",
  ignore: "Nếu bạn không yêu cầu việc này, hãy bỏ qua thư này: tài khoản của bạn không có gì thay đổi.",
  automatic: "Thư này được gửi tự động từ {{appName}}; vui lòng không trả lời.",
  linkFallback: "Nếu nút không mở được, hãy sao chép địa chỉ sau vào trình duyệt:",
  signup: {
    subject: "Xác nhận địa chỉ e-mail để đăng ký tài khoản",
    body: "Có người (có thể là bạn) vừa dùng địa chỉ này để đăng ký tài khoản dự thi tại {{appName}}. Để tiếp tục, hãy mở liên kết dưới đây rồi đặt họ tên và mật khẩu.",
    action: "Hoàn tất đăng ký",
    expiry: "Liên kết có hiệu lực trong 24 giờ và chỉ dùng được một lần.",
  },
  accountExists: {
    subject: "Địa chỉ e-mail của bạn đã có tài khoản",
    body: "Có người (có thể là bạn) vừa dùng địa chỉ này để đăng ký tại {{appName}}, nhưng địa chỉ này đã có tài khoản. Bạn có thể đăng nhập bằng tài khoản đó.",
    signIn: "Đăng nhập",
    resetIntro: "Nếu quên mật khẩu, bạn có thể đặt mật khẩu mới:",
    reset: "Đặt lại mật khẩu",
  },
  passwordReset: {
    subject: "Đặt lại mật khẩu",
    body: "Có yêu cầu đặt lại mật khẩu cho tài khoản của bạn tại {{appName}}. Mở liên kết dưới đây để đặt mật khẩu mới.",
    action: "Đặt mật khẩu mới",
    expiry: "Liên kết có hiệu lực trong 1 giờ và chỉ dùng được một lần.",
  },
  invitation: {
    subject: "Lời mời tham gia {{appName}} với vai trò {{role}}",
    subjectContest: "Lời mời tham gia cuộc thi «{{contest}}» với vai trò {{role}}",
    body: "Bạn được mời tham gia {{appName}} với vai trò {{role}}.",
    bodyContest: "Bạn được mời tham gia cuộc thi «{{contest}}» tại {{appName}} với vai trò {{role}}.",
    invitedBy: "Người mời: {{name}}.",
    action: "Nhận lời mời",
    expiry: "Lời mời có hiệu lực trong {{days}} ngày.",
  },
};
export default mail;
