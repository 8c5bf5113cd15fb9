// Who takes part in the demo contest: the organising board, the jury, and where entrants come from.
// The district is invented ("quận Phú Sơn"); units and positions are the kinds found in such
// contests. Judges' units never appear among entrants' units, so no conflict of interest is detected.
import { type Rng } from "../../bench/generators/random";
import { type Gender } from "../../bench/generators/vietnamese-names";

export const DISTRICT = "Phú Sơn";
export const PLACE = `quận ${DISTRICT}`; // as written inside a sentence
export const BOARD = `Ban Tuyên giáo Quận ủy ${DISTRICT}`;
export const EMAIL_DOMAIN = "demo.example"; // reserved for examples (RFC 2606): mail never leaves

export type StaffRole = "admin" | "organizer" | "secretary" | "chair" | "judge";

export interface StaffMember {
  role: StaffRole;
  email: string;
  gender: Gender;
  unit: string;
  jobTitle: string;
  /** For judges: the panel (0-based); chairs are judges with role "chair". */
  panel?: number;
  /** For judges: systematic leniency, as a share of each criterion's maximum (+ lenient, − harsh). */
  bias?: number;
  /** For judges: the share of their assignments already submitted. */
  progress?: number;
}

const at = (local: string) => `${local}@${EMAIL_DOMAIN}`;

export const STAFF: readonly StaffMember[] = [
  { role: "admin", email: at("quantri"), gender: "male", unit: `Văn phòng Quận ủy ${DISTRICT}`, jobTitle: "Chuyên viên công nghệ thông tin" },
  { role: "organizer", email: at("bantochuc"), gender: "female", unit: BOARD, jobTitle: "Phó Trưởng Ban Tuyên giáo Quận ủy" },
  { role: "secretary", email: at("thuky"), gender: "female", unit: BOARD, jobTitle: "Chuyên viên Ban Tuyên giáo Quận ủy" },
  // Panel 1: a neutral chair, one lenient and one harsh judge; the chair has nearly finished.
  { role: "chair", email: at("truongtieuban1"), gender: "male", unit: `Trung tâm Chính trị ${PLACE}`, jobTitle: "Giám đốc Trung tâm Chính trị quận", panel: 0, bias: 0, progress: 0.85 },
  { role: "judge", email: at("giamkhao1"), gender: "female", unit: `Trung tâm Chính trị ${PLACE}`, jobTitle: "Giảng viên chính", panel: 0, bias: 0.05, progress: 0.7 },
  { role: "judge", email: at("giamkhao2"), gender: "male", unit: `Ủy ban Kiểm tra Quận ủy ${DISTRICT}`, jobTitle: "Phó Chủ nhiệm Ủy ban Kiểm tra Quận ủy", panel: 0, bias: -0.04, progress: 0.45 },
  // Panel 2: the harshest judge sits here.
  { role: "chair", email: at("truongtieuban2"), gender: "female", unit: `Ban Dân vận Quận ủy ${DISTRICT}`, jobTitle: "Trưởng Ban Dân vận Quận ủy", panel: 1, bias: -0.02, progress: 0.75 },
  { role: "judge", email: at("giamkhao3"), gender: "male", unit: `Đài Truyền thanh ${PLACE}`, jobTitle: "Biên tập viên", panel: 1, bias: -0.06, progress: 0.5 },
  { role: "judge", email: at("giamkhao4"), gender: "female", unit: `Hội Cựu giáo chức ${PLACE}`, jobTitle: "Chủ tịch Hội Cựu giáo chức", panel: 1, bias: 0.03, progress: 0.6 },
  // Panel 3: the most lenient judge; two judges have barely started.
  { role: "chair", email: at("truongtieuban3"), gender: "male", unit: `Hội đồng nhân dân ${PLACE}`, jobTitle: "Phó Chủ tịch Hội đồng nhân dân quận", panel: 2, bias: 0.01, progress: 0.9 },
  { role: "judge", email: at("giamkhao5"), gender: "female", unit: `Phòng Văn hóa và Thông tin ${PLACE}`, jobTitle: "Trưởng phòng Văn hóa và Thông tin", panel: 2, bias: 0.06, progress: 0.35 },
  { role: "judge", email: at("giamkhao6"), gender: "male", unit: `Văn phòng Quận ủy ${DISTRICT}`, jobTitle: "Chánh Văn phòng Quận ủy", panel: 2, bias: -0.05, progress: 0.3 },
];

export const WARDS = ["Phú Hòa", "Phú Lợi", "Tân An", "Hòa Minh", "An Khánh", "Thạnh Mỹ", "Đông Xuyên", "Nam Sơn"] as const;

/** A kind of unit entrants come from, with the positions and birth years that go with it. */
export interface UnitKind {
  unit: (rng: Rng) => string;
  positions: readonly string[];
  born: readonly [number, number];
  gender?: Gender;
}

const ward = (rng: Rng) => rng.pick(WARDS);
const THPT = ["Trường THPT Phú Sơn", "Trường THPT Nguyễn Trãi", "Trường THPT Lê Quý Đôn"];
const THCS = ["Trường THCS Trần Phú", "Trường THCS Nguyễn Du"];

/** Category 1 [Cán bộ, đảng viên]. */
export const OFFICIAL_UNITS: readonly (readonly [UnitKind, number])[] = [
  [{ unit: (r) => `Đảng ủy phường ${ward(r)}`, positions: ["Phó Bí thư Đảng ủy phường", "Chuyên viên Văn phòng Đảng ủy", "Ủy viên Ban Thường vụ Đảng ủy phường"], born: [1970, 1992] }, 3],
  [{ unit: (r) => `UBND phường ${ward(r)}`, positions: ["Phó Chủ tịch UBND phường", "Công chức Văn hóa – Xã hội", "Công chức Tư pháp – Hộ tịch"], born: [1975, 1996] }, 3],
  [{ unit: () => `Công an ${PLACE}`, positions: ["Trung úy, cán bộ Đội Tham mưu", "Thượng úy, cán bộ Đội Xây dựng phong trào", "Đại úy, Phó Đội trưởng"], born: [1985, 1998] }, 2],
  [{ unit: () => `Ban Chỉ huy Quân sự ${PLACE}`, positions: ["Thiếu tá, Trợ lý Chính trị", "Đại úy, Trợ lý Tuyên huấn"], born: [1980, 1992] }, 1],
  [{ unit: () => `Trung tâm Y tế ${PLACE}`, positions: ["Bác sĩ", "Điều dưỡng trưởng", "Phó Giám đốc"], born: [1972, 1994] }, 1],
  [{ unit: (r) => r.pick([...THPT, ...THCS]), positions: ["Giáo viên Ngữ văn", "Giáo viên Lịch sử", "Giáo viên Giáo dục kinh tế và pháp luật", "Bí thư Chi bộ, Phó Hiệu trưởng"], born: [1970, 1996] }, 3],
  [{ unit: (r) => `Chi bộ khu phố ${r.int(1, 9)}, phường ${ward(r)}`, positions: ["Bí thư Chi bộ", "Đảng viên"], born: [1950, 1972] }, 2],
  [{ unit: (r) => `Hội Cựu chiến binh phường ${ward(r)}`, positions: ["Chủ tịch Hội", "Hội viên"], born: [1950, 1966], gender: "male" }, 1],
];

/** Category 2 [Đoàn viên, thanh niên và nhân dân]. Students' birth years follow their grade. */
export function youthUnits(year: number): readonly (readonly [UnitKind, number])[] {
  const grade = (g: number): UnitKind => ({
    unit: (r) => r.pick(THPT),
    positions: [`Học sinh lớp ${g}A${1 + (g % 4)}`, `Bí thư Chi đoàn lớp ${g}A${2 + (g % 3)}`],
    born: [year - 5 - g, year - 5 - g],
  });
  return [
    [{ unit: (r) => `Đoàn phường ${ward(r)}`, positions: ["Bí thư Đoàn phường", "Phó Bí thư Đoàn phường", "Đoàn viên"], born: [1994, 2004] }, 3],
    [grade(10), 1],
    [grade(11), 1],
    [grade(12), 2],
    [{ unit: () => `Trường Cao đẳng Kỹ thuật ${DISTRICT}`, positions: ["Sinh viên", "Bí thư Chi đoàn sinh viên"], born: [2003, 2007] }, 2],
    [{ unit: (r) => `Khu phố ${r.int(1, 9)}, phường ${ward(r)}`, positions: ["Hưu trí", "Kinh doanh tự do", "Nội trợ", "Công nhân"], born: [1950, 1995] }, 3],
    [{ unit: (r) => `Hội Liên hiệp Phụ nữ phường ${ward(r)}`, positions: ["Chi hội trưởng Phụ nữ", "Hội viên"], born: [1965, 1995], gender: "female" }, 1],
    [{ unit: () => `Công ty TNHH May mặc ${DISTRICT}`, positions: ["Công nhân", "Tổ trưởng sản xuất"], born: [1985, 2003] }, 1],
    [{ unit: () => `Đoàn Thanh niên Công an ${PLACE}`, positions: ["Thiếu úy, đoàn viên", "Trung úy, Bí thư Chi đoàn"], born: [1996, 2003] }, 1],
  ];
}

/** A plausible Vietnamese mobile number (10 digits). */
export function mobilePhone(rng: Rng): string {
  const prefix = rng.pick(["090", "091", "093", "094", "096", "097", "098", "032", "033", "035", "037", "038", "039", "070", "077", "079", "083", "085", "086", "088"]);
  let rest = "";
  for (let i = 0; i < 7; i++) rest += String(rng.int(0, 9));
  return prefix + rest;
}

export const FEEDBACK = [
  "Bài viết có bố cục chặt chẽ, lập luận thuyết phục; nên bổ sung thêm dẫn chứng từ thực tiễn địa phương.",
  "Quan điểm đúng đắn, tuy nhiên phần phản bác còn chung chung, chưa chỉ rõ luận điệu cụ thể.",
  "Văn phong trong sáng, có nhiều ví dụ sinh động từ cơ sở.",
  "Cần trích dẫn nguồn đầy đủ, chính xác hơn đối với các số liệu.",
  "Phần giải pháp có tính khả thi, gắn với thực tiễn đơn vị.",
  "Bài viết còn dài, một số đoạn lặp ý; nên cô đọng hơn.",
];

export const PRIVATE_NOTES = [
  "Đề nghị Tổ Thư ký kiểm tra lại tính mới của bài: có đoạn gần giống một bài đã đăng.",
  "Bài tốt, đề nghị Ban Tổ chức lưu ý khi xét giải.",
  "Một số số liệu chưa rõ nguồn.",
  "Chấm thấp phần hình thức vì còn nhiều lỗi chính tả.",
];
