// Accounts: sign-up, sign-in, password reset, invitations. Keys are shared with en/auth.ts.
const auth = {
  fields: {
    email: "Địa chỉ e-mail",
    password: "Mật khẩu",
    newPassword: "Mật khẩu mới",
    confirmPassword: "Nhập lại mật khẩu",
    name: "Họ và tên",
    passwordHelp: "Ít nhất {{min}} ký tự. Một cụm từ dài mà bạn dễ nhớ là mật khẩu tốt.",
  },
  roles: {
    ADMIN: "Quản trị viên",
    ORGANIZER: "Ban tổ chức",
    SECRETARY: "Tổ thư ký",
    JUDGE: "Giám khảo",
  },
  login: {
    title: "Đăng nhập",
    submit: "Đăng nhập",
    forgot: "Quên mật khẩu?",
    noAccount: "Chưa có tài khoản dự thi?",
    signUp: "Đăng ký",
  },
  signup: {
    title: "Đăng ký tài khoản dự thi",
    intro:
      "Nhập địa chỉ e-mail của bạn. Chúng tôi sẽ gửi một liên kết để xác nhận địa chỉ; sau đó bạn đặt họ tên và mật khẩu.",
    submit: "Gửi liên kết xác nhận",
    sent: "Nếu địa chỉ này dùng được để đăng ký, chúng tôi đã gửi một liên kết đến hộp thư đó. Hãy kiểm tra hộp thư (cả mục thư rác); liên kết có hiệu lực trong 24 giờ.",
    haveAccount: "Đã có tài khoản?",
    signIn: "Đăng nhập",
  },
  signupVerify: {
    title: "Hoàn tất đăng ký",
    intro: "Tạo tài khoản dự thi cho địa chỉ {{email}}.",
    submit: "Tạo tài khoản",
    invalid: "Liên kết đăng ký này không còn dùng được: có thể đã hết hạn hoặc đã được dùng.",
    startAgain: "Đăng ký lại từ đầu",
  },
  forgot: {
    title: "Quên mật khẩu",
    intro: "Nhập địa chỉ e-mail của tài khoản. Chúng tôi sẽ gửi một liên kết để bạn đặt mật khẩu mới.",
    submit: "Gửi liên kết đặt lại mật khẩu",
    sent: "Nếu địa chỉ này có tài khoản, chúng tôi đã gửi đến đó một liên kết đặt lại mật khẩu. Liên kết có hiệu lực trong 1 giờ.",
    backToLogin: "Quay lại đăng nhập",
  },
  reset: {
    title: "Đặt mật khẩu mới",
    intro: "Đặt mật khẩu mới cho tài khoản {{email}}. Mọi phiên đăng nhập khác của tài khoản sẽ bị đăng xuất.",
    submit: "Lưu mật khẩu mới",
    invalid: "Liên kết đặt lại mật khẩu này không còn dùng được: có thể đã hết hạn hoặc đã được dùng.",
    startAgain: "Yêu cầu liên kết mới",
  },
  invitation: {
    title: "Lời mời",
    invalid: "Lời mời này không còn hiệu lực: có thể đã hết hạn, bị thu hồi hoặc đã được sử dụng.",
    invitedAs: "Bạn được mời tham gia với vai trò {{role}}.",
    invitedAsInContest: "Bạn được mời tham gia cuộc thi «{{contest}}» với vai trò {{role}}.",
    firstAdminTitle: "Tạo tài khoản quản trị đầu tiên",
    firstAdminIntro:
      "Cổng thi chưa có quản trị viên. Tài khoản bạn tạo ở đây sẽ quản trị toàn bộ hệ thống. Liên kết này chỉ dùng được một lần.",
    firstAdminSubmit: "Tạo tài khoản quản trị",
    newAccountIntro: "Đặt họ tên và mật khẩu để tạo tài khoản cho địa chỉ được mời.",
    newAccountSubmit: "Tạo tài khoản và nhận lời mời",
    confirmIntro: "Bạn đang đăng nhập bằng {{email}}.",
    accept: "Nhận lời mời",
    wrongUser:
      "Bạn đang đăng nhập bằng {{current}}, nhưng lời mời này gửi cho {{email}}. Hãy đăng xuất, rồi mở lại liên kết trong thư mời.",
    signOut: "Đăng xuất",
  },
  errors: {
    invalidCredentials: "E-mail hoặc mật khẩu không đúng.",
    tooManyAttempts: "Có quá nhiều lần thử. Vui lòng chờ {{minutes}} phút rồi thử lại.",
    emailTaken: "Địa chỉ e-mail này đã có tài khoản. Hãy đăng nhập, hoặc đặt lại mật khẩu nếu bạn quên.",
    linkUsed: "Liên kết này không còn dùng được: có thể đã hết hạn hoặc đã được dùng.",
  },
};
export default auth;
