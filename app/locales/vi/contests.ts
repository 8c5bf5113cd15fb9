// The contest lifecycle (app/modules/contests/phases*) and conflicts of interest
// (app/modules/panels/conflicts*).
const contests = {
  phase: {
    errors: {
      notAllowed: "Không thể chuyển cuộc thi sang giai đoạn này từ giai đoạn hiện tại.",
      notFound: "Không tìm thấy cuộc thi.",
      changedMeanwhile: "Giai đoạn của cuộc thi vừa được người khác thay đổi. Vui lòng tải lại trang.",
      noCategory: "Cần có ít nhất một đối tượng dự thi trước khi mở nhận bài.",
      noRubric: "Cần có thang điểm với ít nhất một tiêu chí trước khi mở nhận bài.",
      noDeadline: "Cần đặt hạn nộp bài.",
      deadlinePassed: "Hạn nộp bài đã qua; hãy đặt hạn nộp mới trong tương lai.",
      hasSubmissions: "Đã có {{count}} bài dự thi được nộp, không thể trở lại bản nháp.",
      entriesUnchecked: "Còn {{count}} bài dự thi chưa được kiểm tra điều kiện dự thi.",
      noEligibleEntries: "Chưa có bài dự thi nào hợp lệ để chấm.",
      noRound: "Cần có ít nhất một vòng chấm.",
      roundWithoutRubric: "Vòng chấm đầu tiên chưa có thang điểm với tiêu chí.",
      entriesWithoutPanel: "Còn {{count}} bài dự thi hợp lệ chưa được xếp vào tiểu ban của vòng đầu.",
      entriesShortOfJudges: "Còn {{count}} bài dự thi chưa được phân công đủ giám khảo.",
      scoringStarted: "Đã có giám khảo lưu điểm, không thể quay lại giai đoạn hết hạn nhận bài.",
      scoresheetsPending: "Còn {{count}} phiếu chấm chưa được nộp.",
      disagreementsOpen: "Còn {{count}} bài có điểm chênh lệch lớn chưa được trưởng tiểu ban xử lý.",
      noPublication: "Chưa có bản kết quả nào để công bố.",
    },
  },
  conflicts: {
    rules: {
      judgeIsAuthor: "Giám khảo là tác giả của bài",
      sameEmail: "Trùng địa chỉ e-mail với tác giả",
      sameUnit: "Cùng đơn vị công tác với tác giả",
      sameEmailDomain: "Cùng tên miền e-mail của một cơ quan, tổ chức với tác giả",
    },
    errors: {
      reasonRequired: "Vui lòng nêu lý do xung đột lợi ích.",
      reasonTooShort: "Lý do quá ngắn (tối thiểu {{min}} ký tự).",
      reasonTooLong: "Lý do quá dài (tối đa {{max}} ký tự).",
      decision: "Hãy chọn xác nhận hoặc bác bỏ.",
      notFound: "Không tìm thấy giám khảo, bài dự thi hoặc xung đột lợi ích này trong cuộc thi.",
      declaredStands: "Không thể bác bỏ xung đột lợi ích đã được khai báo: lời khai báo của giám khảo luôn được giữ nguyên.",
      changedMeanwhile: "Xung đột lợi ích này vừa được người khác xử lý. Danh sách đã được cập nhật, vui lòng xem lại.",
      unknownCode: "Không có bài dự thi nào mang mã này trong cuộc thi. Vui lòng kiểm tra lại mã trên giấy biên nhận.",
      codeRequired: "Vui lòng nhập mã bài dự thi.",
      judgeRequired: "Vui lòng chọn giám khảo.",
      notAJudge: "Người này không phải là giám khảo của cuộc thi.",
    },
    evidence: {
      judgeIsAuthor: "Tài khoản của giám khảo có trong danh sách tác giả.",
      sameEmail: "E-mail: {{email}}",
      sameUnit: "Đơn vị của giám khảo: {{judgeUnit}} — của tác giả: {{authorUnit}}",
      sameEmailDomain: "Tên miền: {{domain}} ({{judgeEmail}}, {{authorEmail}})",
    },
  },
};
export default contests;
