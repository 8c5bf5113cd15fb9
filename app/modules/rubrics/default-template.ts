// The default rubric for political-commentary essays (DOMAIN.md, "Rubric"): five criteria,
// 25 + 25 + 20 + 20 + 10 = 100 points, step 0.5, weight 1. The rubric is contest content, so it
// comes in the contest's language rather than through the interface's i18n.
import { DEFAULT_STEP, DEFAULT_WEIGHT, type CriterionTemplate, type RubricLevel, type RubricTemplate } from "./rubric.schema";

export type RubricLanguage = "vi" | "en";

const LEVEL_LABELS: Record<RubricLanguage, readonly [string, string, string, string]> = {
  vi: ["Xuất sắc", "Tốt", "Đạt", "Chưa đạt"],
  en: ["Excellent", "Good", "Satisfactory", "Unsatisfactory"],
};

/** Lower bounds of the levels above the lowest, as a share of the maximum. */
const LEVEL_SHARES = [0.9, 0.75, 0.5] as const;

/**
 * Level descriptors that cover 0..maxPoints on the step without gaps or overlaps, highest first:
 * Excellent from 90 %, Good from 75 %, Satisfactory from 50 % (each rounded up to the step).
 */
export function standardLevels(maxPoints: number, step: number, language: RubricLanguage): RubricLevel[] {
  const labels = LEVEL_LABELS[language];
  const onStep = (x: number) => Math.ceil(x / step - 1e-9) * step;
  const froms = [...LEVEL_SHARES.map((share) => onStep(share * maxPoints)), 0];
  return froms.map((from, i) => ({
    from,
    to: i === 0 ? maxPoints : froms[i - 1]! - step,
    label: labels[i]!,
  }));
}

const CRITERIA: { maxPoints: number; vi: [string, string]; en: [string, string] }[] = [
  {
    maxPoints: 25,
    vi: [
      "Tư tưởng, quan điểm",
      "Quan điểm chính trị đúng đắn, nhất quán với chủ nghĩa Mác – Lênin, tư tưởng Hồ Chí Minh, đường lối của Đảng, chính sách, pháp luật của Nhà nước; thể hiện rõ lập trường bảo vệ nền tảng tư tưởng của Đảng.",
    ],
    en: [
      "Political soundness of the viewpoint",
      "A correct political viewpoint, consistent with Marxism–Leninism, Ho Chi Minh Thought, the Party's guidelines and the State's policies and laws; a clear stand in defence of the Party's ideological foundation.",
    ],
  },
  {
    maxPoints: 25,
    vi: [
      "Tính khoa học, lập luận",
      "Lập luận chặt chẽ, logic; luận điểm rõ ràng, luận cứ xác thực; dẫn chứng chính xác, có nguồn gốc rõ ràng; bố cục hợp lý.",
    ],
    en: [
      "Scientific rigour and logic of the argument",
      "Tight, logical reasoning; clear theses and verified grounds; accurate evidence with clear sources; a sound structure.",
    ],
  },
  {
    maxPoints: 20,
    vi: [
      "Tính chiến đấu, thuyết phục",
      "Nhận diện đúng và phản bác sắc bén, có sức thuyết phục các quan điểm sai trái, thù địch; lý lẽ đanh thép nhưng khách quan, có văn hóa.",
    ],
    en: [
      "Persuasive force in refuting wrong views",
      "Identifies wrong and hostile views correctly and refutes them sharply and convincingly; firm reasoning that stays objective and civil.",
    ],
  },
  {
    maxPoints: 20,
    vi: [
      "Tính thực tiễn, thời sự",
      "Vấn đề đặt ra có tính thời sự, gắn với thực tiễn của địa phương, cơ quan, đơn vị; có đề xuất, giải pháp khả thi.",
    ],
    en: [
      "Practical relevance and timeliness",
      "The issue is current and tied to the realities of the locality, agency or unit; the proposals and solutions are feasible.",
    ],
  },
  {
    maxPoints: 10,
    vi: [
      "Hình thức, ngôn ngữ, sáng tạo",
      "Văn phong trong sáng, mạch lạc, đúng chính tả và ngữ pháp; trình bày đúng thể thức; có cách tiếp cận mới, sáng tạo.",
    ],
    en: [
      "Form, language and creativity",
      "A clear, coherent style with correct spelling and grammar; proper presentation; a fresh, creative approach.",
    ],
  },
];

const RUBRIC_NAME: Record<RubricLanguage, string> = {
  vi: "Thang điểm bài viết chính luận",
  en: "Political-commentary essay rubric",
};

/** The default rubric in the contest's language; a fresh copy on every call. */
export function defaultRubricTemplate(language: RubricLanguage): RubricTemplate {
  const criteria: CriterionTemplate[] = CRITERIA.map((c) => {
    const [name, description] = c[language];
    return {
      name,
      description,
      maxPoints: c.maxPoints,
      step: DEFAULT_STEP,
      weight: DEFAULT_WEIGHT,
      levels: standardLevels(c.maxPoints, DEFAULT_STEP, language),
    };
  });
  return { name: RUBRIC_NAME[language], criteria };
}

const BLANK: Record<RubricLanguage, { name: string; criterion: string }> = {
  vi: { name: "Thang điểm mới", criterion: "Tiêu chí 1" },
  en: { name: "New rubric", criterion: "Criterion 1" },
};

/** Points of the one criterion a blank rubric starts with. */
export const BLANK_CRITERION_MAX_POINTS = 10;

/**
 * A blank rubric to build from scratch: one criterion (a rubric needs at least one) of
 * BLANK_CRITERION_MAX_POINTS points, the default step and weight, no description or levels.
 */
export function blankRubricTemplate(language: RubricLanguage): RubricTemplate {
  const { name, criterion } = BLANK[language];
  return {
    name,
    criteria: [{ name: criterion, description: "", maxPoints: BLANK_CRITERION_MAX_POINTS, step: DEFAULT_STEP, weight: DEFAULT_WEIGHT, levels: [] }],
  };
}
