// Uploaded files: storage, type checks and text extraction (app/modules/storage/).
const files = {
  title: "Tệp tải lên",
  errors: {
    noFile: "Vui lòng chọn tệp cần tải lên.",
    empty: "Tệp không có nội dung.",
    tooLarge: "Tệp vượt quá dung lượng cho phép ({{mb, number}} MB).",
    wrongType: "Chỉ nhận tệp {{allowed}}.",
    spoofedType:
      "Tên hoặc kiểu tệp cho biết đây là tệp {{claimed}}, nhưng nội dung thực là tệp {{actual}}. Vui lòng kiểm tra lại và gửi đúng tệp.",
    corrupt: "Tệp bị hỏng hoặc không đọc được. Vui lòng mở tệp trên máy, lưu lại rồi gửi lại.",
    legacyOffice:
      "Không nhận tệp Word 97–2003 (.doc) hoặc tệp có đặt mật khẩu. Vui lòng lưu lại dưới dạng DOCX hoặc PDF, không đặt mật khẩu.",
    passwordProtected: "Tệp PDF có đặt mật khẩu. Vui lòng gỡ mật khẩu rồi gửi lại.",
    pdfScript: "Tệp PDF có chứa mã lệnh (JavaScript) nên không được nhận. Vui lòng xuất lại tệp PDF từ trình soạn thảo văn bản rồi gửi lại.",
    tooManyInflatedBytes: "Nội dung tệp khi giải nén vượt quá {{mb, number}} MB nên không được nhận.",
    tooComplex: "Tệp quá phức tạp nên không đọc được. Vui lòng lưu lại dưới dạng PDF rồi gửi lại.",
    parseTimeout: "Đọc tệp quá thời gian cho phép nên đã dừng. Vui lòng lưu lại dưới dạng PDF hoặc DOCX rồi gửi lại.",
    storageUnavailable: "Hệ thống lưu trữ tạm thời chưa nhận được tệp. Vui lòng thử lại sau ít phút.",
  },
};
export default files;
