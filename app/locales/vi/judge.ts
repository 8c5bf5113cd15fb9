// The judge's area (app/routes/judge*).
const judge = {
  title: "Chấm thi",
  heading: "Khu vực giám khảo",
  intro: "Các cuộc thi bạn được mời làm giám khảo. Bài được phân công cho bạn sẽ hiện ở đây khi bắt đầu chấm.",
  empty: "Bạn chưa là giám khảo của cuộc thi nào. Khi bạn nhận lời mời chấm thi, cuộc thi sẽ hiện ở đây.",
  phase: "Giai đoạn: {{phase}}",
  unit: {
    heading: "Đơn vị công tác",
    label: "Đơn vị công tác của tôi",
    help: "Ví dụ: Trường THPT Chu Văn An, Hà Nội. Thông tin này dùng để phát hiện xung đột lợi ích với tác giả cùng đơn vị, ở mọi cuộc thi bạn chấm.",
    submit: "Lưu đơn vị công tác",
    saved: "Đã lưu đơn vị công tác.",
  },
  expertise: {
    legend: "Chuyên môn theo đối tượng dự thi",
    help: "Đánh dấu các đối tượng dự thi bạn am hiểu; khi phân công, bài thuộc các đối tượng này được ưu tiên giao cho bạn.",
    none: "Cuộc thi chưa có đối tượng dự thi.",
    submit: "Lưu chuyên môn",
    saved: "Đã lưu chuyên môn của bạn trong cuộc thi «{{contest}}».",
  },
  declare: {
    heading: "Khai báo xung đột lợi ích",
    help: "Nếu bạn biết mã bài dự thi của một bài mà bạn không nên chấm (chẳng hạn người thân cho bạn xem giấy biên nhận), hãy khai báo tại đây. Bài đó sẽ không được phân công cho bạn.",
    code: "Mã bài dự thi",
    codeHelp: "Ghi đúng như trên giấy biên nhận, ví dụ: {{example}}.",
    reason: "Lý do",
    submit: "Gửi khai báo",
    declared: "Đã ghi nhận khai báo xung đột lợi ích với bài {{code}}.",
    updated: "Đã cập nhật khai báo xung đột lợi ích với bài {{code}}.",
  },
  declarations: {
    heading: "Các khai báo của tôi",
    empty: "Bạn chưa khai báo xung đột lợi ích nào trong cuộc thi này.",
    code: "Mã bài dự thi",
    title: "Tên bài",
    reason: "Lý do",
    date: "Ngày khai báo",
  },
  errors: {
    changedMeanwhile: "Thông tin này vừa được thay đổi ở một trang khác. Trang đã được cập nhật; vui lòng kiểm tra rồi lưu lại.",
  },
};
export default judge;
