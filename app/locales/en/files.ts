import type { Translation } from "../types";
import type vi from "../vi/files";

const files: Translation<typeof vi> = {
  title: "Uploaded files",
  errors: {
    noFile: "Please choose a file to upload.",
    empty: "The file is empty.",
    tooLarge: "The file is larger than allowed ({{mb, number}} MB).",
    wrongType: "Only {{allowed}} files are accepted.",
    spoofedType:
      "The file's name or type says it is a {{claimed}} file, but its content is a {{actual}} file. Please check it and send the right file.",
    corrupt: "The file is damaged or cannot be read. Please open it on your computer, save it again and send it again.",
    legacyOffice:
      "Word 97–2003 files (.doc) and password-protected files are not accepted. Please save it as DOCX or PDF, without a password.",
    passwordProtected: "The PDF is password-protected. Please remove the password and send it again.",
    pdfScript: "The PDF contains scripts (JavaScript) and is not accepted. Please export the PDF again from your word processor and send it again.",
    tooManyInflatedBytes: "The file unpacks to more than {{mb, number}} MB and is not accepted.",
    tooComplex: "The file is too complex to read. Please save it as PDF and send it again.",
    parseTimeout: "Reading the file took too long and was stopped. Please save it as PDF or DOCX and send it again.",
    storageUnavailable: "The file storage is not accepting files right now. Please try again in a few minutes.",
  },
};
export default files;
