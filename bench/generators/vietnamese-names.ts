// Vietnamese personal names for generated data: family name, middle name, given name, drawn
// from realistic lists (family names weighted by their approximate share of the population).
import { type Rng } from "./random";

const FAMILY: readonly (readonly [string, number])[] = [
  ["Nguyễn", 38],
  ["Trần", 11],
  ["Lê", 9.5],
  ["Phạm", 7],
  ["Hoàng", 3],
  ["Huỳnh", 2.1],
  ["Phan", 4.5],
  ["Vũ", 2],
  ["Võ", 1.9],
  ["Đặng", 2.1],
  ["Bùi", 2],
  ["Đỗ", 1.4],
  ["Hồ", 1.3],
  ["Ngô", 1.3],
  ["Dương", 1],
  ["Lý", 0.5],
  ["Đào", 0.4],
  ["Đoàn", 0.4],
  ["Trương", 0.4],
  ["Lương", 0.3],
  ["Mai", 0.3],
  ["Trịnh", 0.3],
  ["Đinh", 0.3],
  ["Cao", 0.2],
  ["Lâm", 0.2],
  ["Tạ", 0.1],
  ["Hà", 0.2],
  ["Châu", 0.1],
];

const MIDDLE = {
  male: ["Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Công", "Xuân", "Trọng", "Ngọc", "Quốc", "Đình", "Anh", "Tuấn", "Hoàng", "Gia"],
  female: ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hồng", "Phương", "Kim", "Thùy", "Bảo", "Hoài", "Mỹ", "Diệu", "Khánh", "Hải"],
} as const;

const GIVEN = {
  male: [
    "An", "Anh", "Bảo", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Đức", "Giang", "Hải", "Hiếu", "Hòa", "Hoàng", "Hùng",
    "Huy", "Khang", "Khánh", "Khoa", "Kiên", "Lâm", "Long", "Lộc", "Minh", "Nam", "Nghĩa", "Nhân", "Phong", "Phúc",
    "Quân", "Quang", "Sơn", "Tài", "Tâm", "Thắng", "Thành", "Thịnh", "Toàn", "Trí", "Trung", "Tuấn", "Tùng", "Việt", "Vinh",
  ],
  female: [
    "An", "Anh", "Châu", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng", "Huệ", "Hương",
    "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quyên", "Quỳnh",
    "Tâm", "Thảo", "Thanh", "Thơ", "Thúy", "Trang", "Trinh", "Tuyết", "Uyên", "Vân", "Vy", "Xuân", "Yến",
  ],
} as const;

export type Gender = "male" | "female";

export interface VietnameseName {
  family: string;
  middle: string;
  given: string;
  /** Family, middle and given name, in the Vietnamese order. */
  full: string;
  gender: Gender;
}

export function vietnameseName(rng: Rng, gender: Gender = rng.chance(0.5) ? "male" : "female"): VietnameseName {
  const family = rng.weighted(FAMILY);
  const middle = rng.pick(MIDDLE[gender]);
  let given = rng.pick(GIVEN[gender]);
  // "Minh Minh", "Thanh Thanh": draw again.
  while (given === middle) given = rng.pick(GIVEN[gender]);
  return { family, middle, given, full: `${family} ${middle} ${given}`, gender };
}

/** Lower-case ASCII without diacritics ("Đặng Thị Hồng" → "dang thi hong"), for e-mail addresses. */
export function asciiFold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();
}
