// Uploaded files: storage, type checks and text extraction (app/modules/storage/).
const files = {
  title: "Tệp tải lên",
};
export default files;
