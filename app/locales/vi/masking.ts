// The secretary's review of the masking of authors' identities (/organize/:contestId/entries/:entryId/masking).
const masking = {
  title: "Che thông tin tác giả",
  heading: "Rà soát việc che thông tin tác giả",
  entry: "Mã bài dự thi: {{code}} · Số phách: {{anonymous}}",
  noCode: "chưa cấp",
  intro:
    "Giám khảo chỉ đọc văn bản đã che dưới đây. Họ tên, đơn vị công tác, địa chỉ e-mail và số điện thoại của các tác giả được che tự động ở mọi chỗ xuất hiện, kể cả khi viết hoa, viết không dấu hay bị ngắt xuống dòng; mọi địa chỉ e-mail và số điện thoại khác trong bài cũng được che. Tổ thư ký rà soát, che thêm những chỗ còn sót và bỏ che những chỗ che nhầm.",
  notBlind: "Cuộc thi này không chấm phách: giám khảo đọc nguyên văn bài dự thi. Phần che dưới đây chỉ có hiệu lực nếu cuộc thi chuyển sang chấm phách.",
  authors: {
    heading: "Thông tin tác giả dùng để che",
    name: "Họ và tên",
    unit: "Đơn vị công tác",
    email: "E-mail",
    phone: "Điện thoại",
    none: "—",
  },
  reading: {
    heading: "Văn bản giám khảo sẽ đọc",
    version: "Phiên bản {{number}} của bài dự thi. Các chỗ đã che được tô màu.",
    noText: "Bài dự thi chưa có văn bản (tệp chưa được tải lên hoặc chưa trích xuất được nội dung).",
    maskedKind: "({{kind}})",
  },
  masked: {
    heading: "Những nội dung đã che",
    empty: "Chưa có nội dung nào bị che.",
    kind: "Loại",
    original: "Nội dung gốc",
    count: "Số chỗ",
    actions: "Thao tác",
    exclude: "Không che",
    removeHint: "Gỡ ở danh sách từ bổ sung",
  },
  kinds: {
    name: "Họ tên",
    unit: "Đơn vị công tác",
    email: "E-mail",
    phone: "Số điện thoại",
    extra: "Từ bổ sung",
  },
  add: {
    heading: "Che thêm",
    term: "Từ hoặc cụm từ cần che",
    help: "Ví dụ: bút danh, tên thường gọi, tên viết tắt của đơn vị. Từ này được che ở mọi chỗ xuất hiện, không phân biệt chữ hoa, chữ thường, có dấu hay không dấu.",
    submit: "Che thêm",
  },
  added: {
    heading: "Từ do Tổ thư ký bổ sung để che",
    empty: "Chưa bổ sung từ nào.",
    remove: "Bỏ khỏi danh sách",
  },
  excluded: {
    heading: "Từ đã bỏ che",
    help: "Những từ này không bị che dù được tìm thấy tự động.",
    empty: "Chưa bỏ che từ nào.",
    restore: "Che lại",
  },
  notices: {
    added: "Đã thêm “{{term}}” vào danh sách cần che. Văn bản hiện có {{spans}} chỗ được che.",
    excluded: "Đã bỏ che “{{term}}”. Văn bản hiện có {{spans}} chỗ được che.",
    removed: "Đã bỏ “{{term}}” khỏi danh sách. Văn bản hiện có {{spans}} chỗ được che.",
  },
  errors: {
    termRequired: "Vui lòng nhập từ cần che.",
    termTooShort: "Từ cần che phải có ít nhất {{min}} ký tự.",
    termTooLong: "Từ cần che tối đa {{max}} ký tự.",
    termNoLetter: "Từ cần che phải có ít nhất một chữ cái hoặc chữ số.",
    alreadyListed: "“{{term}}” đã có trong danh sách.",
    inOtherList: "“{{term}}” đang nằm ở danh sách còn lại; hãy bỏ khỏi danh sách đó trước.",
    termGone: "Từ này không còn trong danh sách (có thể người khác vừa bỏ). Trang đã được cập nhật.",
  },
};
export default masking;
